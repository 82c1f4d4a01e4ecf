namespace Store.Infrastructure.Payments;

/// <summary>One disagreement between a provider's record of money and the store's orders.</summary>
/// <param name="Check">
/// "charge-without-paid-order", "paid-order-without-charge", "unknown-charge", "refund-not-in-store",
/// "refund-unknown-to-provider" or "provider-unreachable".
/// </param>
/// <param name="Repair">What was done about it; null when it is left for staff.</param>
public sealed record ReconciliationFinding(
    string Check,
    string Provider,
    string? ProviderPaymentId,
    Guid? PaymentId,
    Guid? OrderId,
    string Detail,
    string? Repair);
