namespace Store.Infrastructure.Payments;

public enum ProviderPaymentStatus
{
    /// <summary>Waiting for the shopper (or for a bank): nothing to do yet.</summary>
    Open,

    /// <summary>The last attempt failed; the shopper may still try again on the provider's page.</summary>
    Failed,

    /// <summary>The money is held and can be captured.</summary>
    Authorised,
    Succeeded,
    Cancelled,
}
