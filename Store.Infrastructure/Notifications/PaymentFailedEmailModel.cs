namespace Store.Infrastructure.Notifications;

public sealed record PaymentFailedEmailModel(Guid OrderId, long Number, string CustomerName, string Reason, long TotalMinor, string Currency);
