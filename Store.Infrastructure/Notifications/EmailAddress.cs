namespace Store.Infrastructure.Notifications;

public sealed record EmailAddress(string Address, string? Name = null);
