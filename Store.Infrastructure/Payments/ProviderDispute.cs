namespace Store.Infrastructure.Payments;

/// <summary>A provider's record of a cardholder's dispute (a Stripe Dispute), as an event carried it.</summary>
/// <param name="Status">The provider's word: "needs_response", "under_review", "won", "lost", "warning_closed" ….</param>
public sealed record ProviderDispute(string Id, string ProviderPaymentId, string Status, string Reason, long AmountMinor, string Currency, DateTimeOffset CreatedAt);
