namespace Store.Domain.Payments;

/// <summary>Money given back on a successful payment. The provider's answer decides Succeeded or Failed.</summary>
public sealed class Refund
{
    private Refund()
    {
    }

    public Refund(Guid id, Guid orderId, Guid paymentId, long amountMinor, string currency, string reason, string actor, DateTimeOffset now, string? providerReference = null)
    {
        ProviderReference = providerReference;
        Id = id;
        OrderId = orderId;
        PaymentId = paymentId;
        AmountMinor = amountMinor;
        Currency = currency;
        Reason = reason;
        Actor = actor;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public Guid PaymentId { get; private set; }
    public long AmountMinor { get; private set; }
    public string Currency { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public string Actor { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The provider's id for the refund (a Stripe re_… id), to find it in the provider's dashboard.</summary>
    public string? ProviderReference { get; private set; }
}
