namespace Store.Infrastructure.Notifications;

/// <param name="RemainingMinor">What the shopper has still paid for the order once this refund is through.</param>
public sealed record RefundIssuedEmailModel(Guid OrderId, long Number, string CustomerName, long RefundedMinor, long RemainingMinor, string Currency);
