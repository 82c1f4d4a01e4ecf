namespace Store.Infrastructure.Payments;

/// <summary>A provider's record of money given back on one of its payments (a Stripe Refund), as it is now.</summary>
/// <param name="Status">The provider's word: "succeeded", "pending", "failed", "canceled" …; only succeeded money counts.</param>
/// <param name="StoreRefundId">The "refund_id" the store attached when it asked for the refund; null for one made in the provider's dashboard.</param>
public sealed record ProviderRefund(
    string Id,
    string ProviderPaymentId,
    string? StoreRefundId,
    string Status,
    long AmountMinor,
    string Currency,
    string? Reason,
    DateTimeOffset CreatedAt)
{
    public bool Succeeded => Status == "succeeded";
}
