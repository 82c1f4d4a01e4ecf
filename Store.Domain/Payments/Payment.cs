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
    public string Currency { get; private set; } = "USD";
    public string? CardLast4 { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public Result<bool> Succeed(string? cardLast4, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Pending)
        {
            return DomainError.Conflict("payment.state", "This payment has already been completed.");
        }

        Status = PaymentStatus.Succeeded;
        CardLast4 = cardLast4;
        CompletedAt = now;
        return true;
    }

    public Result<bool> Decline(string? cardLast4, string reason, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Pending)
        {
            return DomainError.Conflict("payment.state", "This payment has already been completed.");
        }

        Status = PaymentStatus.Declined;
        CardLast4 = cardLast4;
        FailureReason = reason;
        CompletedAt = now;
        return true;
    }
}
