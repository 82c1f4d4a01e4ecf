using Store.Domain.Common;

namespace Store.Domain.Ordering.Events;

public sealed record OrderPlaced(Guid OrderId, long Number, string Email, long TotalMinor, string Currency) : IDomainEvent
{
    public string EventType => "order.placed";
}

public sealed record OrderPaid(Guid OrderId, long Number, string Email, long TotalMinor, string Currency) : IDomainEvent
{
    public string EventType => "order.paid";
}

public sealed record PaymentFailed(Guid OrderId, Guid PaymentId, long Number, string Email, string Reason) : IDomainEvent
{
    public string EventType => "payment.failed";
}

public sealed record OrderShipped(Guid OrderId, long Number, string Email, string Carrier, string TrackingNumber) : IDomainEvent
{
    public string EventType => "order.shipped";
}

public sealed record OrderRefunded(Guid OrderId, long Number, string Email, long AmountMinor, long RefundedTotalMinor, string Currency) : IDomainEvent
{
    public string EventType => "order.refunded";
}

/// <summary>A cardholder's bank disputed the order's payment, or decided a dispute; staff are told either way.</summary>
public sealed record PaymentDisputed(Guid OrderId, long Number, string DisputeId, string Reason, long AmountMinor, string Currency, string Status) : IDomainEvent
{
    public string EventType => "payment.disputed";
}
