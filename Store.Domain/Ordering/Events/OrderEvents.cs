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
