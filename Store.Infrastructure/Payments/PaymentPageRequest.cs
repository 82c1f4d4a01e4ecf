namespace Store.Infrastructure.Payments;

public sealed record PaymentPageRequest(Guid PaymentId, Guid OrderId, long OrderNumber, string Email, long AmountMinor, string Currency);
