namespace Store.Domain.Ordering;

/// <summary>
/// The legal moves of an order. Anything not listed is refused with a clear error. Cancelling is for unpaid
/// orders; a paid order leaves through a refund or a return, so money and stock always move with it.
/// </summary>
public static class OrderStateMachine
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Moves = new()
    {
        [OrderStatus.AwaitingPayment] = [OrderStatus.Paid, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Fulfilling, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Fulfilling] = [OrderStatus.Shipped, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.Returned, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Delivered] = [OrderStatus.Returned, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.PartiallyRefunded] = [OrderStatus.Fulfilling, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.PartiallyRefunded, OrderStatus.Refunded, OrderStatus.Returned],
        [OrderStatus.Returned] = [OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Refunded] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Moves.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<OrderStatus> NextFrom(OrderStatus from) => Moves.TryGetValue(from, out var next) ? next : [];
}
