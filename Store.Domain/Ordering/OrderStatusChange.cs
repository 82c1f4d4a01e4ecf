namespace Store.Domain.Ordering;

/// <summary>One step of an order's timeline: who moved it from what to what, when, and why.</summary>
public sealed class OrderStatusChange
{
    private OrderStatusChange()
    {
    }

    internal OrderStatusChange(Guid orderId, OrderStatus? from, OrderStatus to, string actor, string? note, DateTimeOffset at)
    {
        OrderId = orderId;
        From = from;
        To = to;
        Actor = actor;
        Note = note;
        At = at;
    }

    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    public OrderStatus? From { get; private set; }
    public OrderStatus To { get; private set; }
    public string Actor { get; private set; } = "";
    public string? Note { get; private set; }
    public DateTimeOffset At { get; private set; }
}
