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

    /// <summary>
    /// The states of an order whose money the store holds: everything reachable from <see cref="OrderStatus.Paid"/>
    /// but a full refund. Fulfilment, shipping or a return do not make an order any less paid, so reports and the
    /// dashboard count these, never the <see cref="OrderStatus.Paid"/> state alone.
    /// </summary>
    public static IReadOnlyList<OrderStatus> PaidStates { get; } = ReachableFrom(OrderStatus.Paid).Where(s => s != OrderStatus.Refunded).ToArray();

    /// <summary>Paid states from which the goods can still leave: paid and not shipped yet (the caller checks it has no shipment date).</summary>
    public static IReadOnlyList<OrderStatus> ToShipStates { get; } =
        PaidStates.Where(s => CanMove(s, OrderStatus.Shipped) || CanMove(s, OrderStatus.Fulfilling)).ToArray();

    public static bool IsPaid(OrderStatus status) => PaidStates.Contains(status);

    public static bool CanMove(OrderStatus from, OrderStatus to) => Moves.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<OrderStatus> NextFrom(OrderStatus from) => Moves.TryGetValue(from, out var next) ? next : [];

    private static HashSet<OrderStatus> ReachableFrom(OrderStatus start)
    {
        var seen = new HashSet<OrderStatus> { start };
        var queue = new Queue<OrderStatus>([start]);
        while (queue.TryDequeue(out var state))
        {
            foreach (var next in Moves[state].Where(seen.Add))
            {
                queue.Enqueue(next);
            }
        }

        return seen;
    }
}
