namespace Store.Infrastructure.Payments;

/// <summary>The provider's own record of the money for one payment (a Stripe PaymentIntent), as it is now.</summary>
/// <param name="PaymentId">The store's payment, from the metadata the store attached; null for money the store did not ask for.</param>
public sealed record ProviderPayment(
    string Id,
    Guid? PaymentId,
    Guid? OrderId,
    ProviderPaymentStatus Status,
    long AmountMinor,
    string Currency,
    string? FailureReason,
    DateTimeOffset CreatedAt);
