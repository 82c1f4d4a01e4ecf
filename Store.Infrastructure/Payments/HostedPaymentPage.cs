namespace Store.Infrastructure.Payments;

/// <param name="ExpiresAt">When the provider closes the page; the order's stock is held at least that long.</param>
public sealed record HostedPaymentPage(string RedirectUrl, string? ProviderReference, DateTimeOffset? ExpiresAt);
