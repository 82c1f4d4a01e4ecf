using Store.Domain.Common;

namespace Store.Domain.Payments;

/// <summary>
/// A cardholder disputing a payment with their bank (a chargeback or an inquiry), as the provider reports it. One
/// row per provider dispute; news about it may come twice or out of order, so a decided dispute is never reopened.
/// </summary>
public sealed class PaymentDispute
{
    private PaymentDispute()
    {
    }

    public PaymentDispute(Guid id, Guid orderId, Guid paymentId, string providerReference, long amountMinor, string currency, string reason, DateTimeOffset openedAt)
    {
        Id = id;
        OrderId = orderId;
        PaymentId = paymentId;
        ProviderReference = providerReference;
        AmountMinor = amountMinor;
        Currency = currency;
        Reason = reason;
        OpenedAt = openedAt;
        Status = DisputeStatus.Open;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public Guid PaymentId { get; private set; }

    /// <summary>The provider's id (a Stripe dp_… id).</summary>
    public string ProviderReference { get; private set; } = "";
    public long AmountMinor { get; private set; }
    public string Currency { get; private set; } = "";

    /// <summary>The bank's reason as the provider names it ("fraudulent", "product_not_received" …).</summary>
    public string Reason { get; private set; } = "";
    public DisputeStatus Status { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsDecided => Status is not DisputeStatus.Open;

    /// <summary>Maps a provider's dispute status ("needs_response", "won", "lost", "warning_closed" …) to the store's.</summary>
    public static DisputeStatus StatusFrom(string? providerStatus) => providerStatus switch
    {
        "won" => DisputeStatus.Won,
        "lost" => DisputeStatus.Lost,
        "warning_closed" => DisputeStatus.Closed,
        _ => DisputeStatus.Open,
    };

    /// <summary>
    /// Moves the dispute to what the provider now says. A decided dispute stays decided (a late "needs_response"
    /// after "won" is old news); returns false when nothing changed.
    /// </summary>
    public Result<bool> MoveTo(DisputeStatus status, DateTimeOffset now)
    {
        if (status == Status || (IsDecided && status == DisputeStatus.Open))
        {
            return false;
        }

        if (IsDecided)
        {
            return DomainError.Conflict("dispute.decided", $"Dispute {ProviderReference} was already {Status} and cannot become {status}.");
        }

        Status = status;
        ClosedAt = status == DisputeStatus.Open ? null : now;
        return true;
    }
}
