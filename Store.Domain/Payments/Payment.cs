using Store.Domain.Common;

namespace Store.Domain.Payments;

/// <summary>One attempt to collect an order's total through a provider. Card numbers never reach this type.</summary>
public sealed class Payment
{
    private Payment()
    {
    }

    public Payment(Guid id, Guid orderId, string provider, long amountMinor, string currency, DateTimeOffset now)
    {
        Id = id;
        OrderId = orderId;
        Provider = provider;
        AmountMinor = amountMinor;
        Currency = currency;
        CreatedAt = now;
        Status = PaymentStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public string Provider { get; private set; } = "";
    public PaymentStatus Status { get; private set; }
    public long AmountMinor { get; private set; }
    public string Currency { get; private set; } = "";
    public string? CardLast4 { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The provider's name for this attempt (a Stripe Checkout Session id); null for the built-in provider.</summary>
    public string? ProviderReference { get; private set; }

    /// <summary>The provider's name for the money itself (a Stripe PaymentIntent id), once known.</summary>
    public string? ProviderPaymentId { get; private set; }

    /// <summary>The provider's hosted page for this attempt, so a shopper who comes back is sent to the same page.</summary>
    public string? RedirectUrl { get; private set; }

    public void AttachHostedPage(string? providerReference, string redirectUrl)
    {
        ProviderReference = providerReference;
        RedirectUrl = redirectUrl;
    }

    public void LinkProviderPayment(string providerPaymentId) => ProviderPaymentId ??= providerPaymentId;

    /// <summary>
    /// A provider's success also follows an earlier decline: on a hosted page the shopper may retry with another
    /// card after a failed one. Only a payment already given back (Voided) or already Succeeded refuses it.
    /// </summary>
    public Result<bool> Succeed(string? cardLast4, DateTimeOffset now)
    {
        if (Status is PaymentStatus.Succeeded or PaymentStatus.Voided)
        {
            return DomainError.Conflict("payment.state", "This payment has already been completed.");
        }

        Status = PaymentStatus.Succeeded;
        CardLast4 = cardLast4 ?? CardLast4;
        FailureReason = null;
        CompletedAt = now;
        return true;
    }

    public Result<bool> Authorise(DateTimeOffset now)
    {
        if (Status is not (PaymentStatus.Pending or PaymentStatus.Declined))
        {
            return DomainError.Conflict("payment.state", "Only an open payment can be authorised.");
        }

        Status = PaymentStatus.Authorised;
        FailureReason = null;
        CompletedAt = now;
        return true;
    }

    public Result<bool> Decline(string? cardLast4, string reason, DateTimeOffset now)
    {
        if (Status is not (PaymentStatus.Pending or PaymentStatus.Authorised))
        {
            return DomainError.Conflict("payment.state", "This payment has already been completed.");
        }

        Status = PaymentStatus.Declined;
        CardLast4 = cardLast4;
        FailureReason = reason;
        CompletedAt = now;
        return true;
    }

    /// <summary>The provider took or held money for an order the store can no longer fill, and it was given back.</summary>
    public Result<bool> Void(string reason, DateTimeOffset now)
    {
        if (Status is PaymentStatus.Succeeded or PaymentStatus.Voided)
        {
            return DomainError.Conflict("payment.state", "A successful or voided payment cannot be voided.");
        }

        Status = PaymentStatus.Voided;
        FailureReason = reason;
        CompletedAt = now;
        return true;
    }
}
