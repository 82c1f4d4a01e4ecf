namespace Store.Domain.Ordering;

/// <summary>
/// What one location sends for an order: the units the order's stock was committed from there. Made once, when
/// fulfilment starts, from the committed reservations, so the warehouse picks exactly the units that were sold.
/// </summary>
public sealed class PickList
{
    private readonly List<PickListLine> _lines = [];

    private PickList()
    {
    }

    private PickList(Guid orderId, int locationId, DateTimeOffset now)
    {
        OrderId = orderId;
        LocationId = locationId;
        CreatedAt = now;
    }

    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    public int LocationId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<PickListLine> Lines => _lines;

    /// <summary>One list per location, its lines per variant, from the units committed to an order.</summary>
    public static IReadOnlyList<PickList> For(Guid orderId, IEnumerable<PickUnits> committed, DateTimeOffset now) =>
        committed
            .Where(u => u.Quantity > 0)
            .GroupBy(u => u.LocationId)
            .OrderBy(g => g.Key)
            .Select(location =>
            {
                var list = new PickList(orderId, location.Key, now);
                list._lines.AddRange(location
                    .GroupBy(u => (u.VariantId, u.Sku))
                    .OrderBy(v => v.Key.Sku, StringComparer.Ordinal)
                    .Select(v => new PickListLine(v.Key.VariantId, v.Key.Sku, v.Sum(u => u.Quantity))));
                return list;
            })
            .ToList();
}

/// <summary>Units of one variant committed to an order at one location.</summary>
public sealed record PickUnits(int LocationId, int VariantId, string Sku, int Quantity);
