using Store.Domain.Common;

namespace Store.Domain.Inventory;

/// <summary>What to reorder of one variant at one location, and why.</summary>
public sealed record ReorderSuggestion(
    decimal UnitsPerDay,
    int ReorderPoint,
    int CoverUnits,
    int Quantity)
{
    public bool IsDue => Quantity > 0;
}

/// <summary>
/// Periodic-review reordering: order enough to cover sales over the supplier's lead time plus the time until the
/// next review, less what is available and already on order, rounded up to whole packs. The sales rate is what
/// actually sold over the recent window, so a new product with no history suggests nothing rather than a guess.
/// </summary>
public static class ReorderPlanner
{
    public const int DefaultWindowDays = 30;
    public const int DefaultReviewDays = 7;

    public static Result<ReorderSuggestion> Suggest(
        int unitsSoldInWindow,
        int windowDays,
        int leadTimeDays,
        int reviewDays,
        int available,
        int onOrder,
        int packSize)
    {
        if (windowDays < 1 || leadTimeDays < 0 || reviewDays < 0 || packSize < 1 || unitsSoldInWindow < 0 || onOrder < 0)
        {
            return DomainError.Invalid("reorder.input", "Window and pack size are at least 1; sales, lead time, review period and units on order are not negative.");
        }

        var rate = (decimal)unitsSoldInWindow / windowDays;

        // Demand while the order is on its way: below this, the next sale may find the shelf empty before it arrives.
        var reorderPoint = (int)Math.Ceiling(rate * leadTimeDays);
        var cover = (int)Math.Ceiling(rate * (leadTimeDays + reviewDays));
        var shortfall = cover - Math.Max(available, 0) - onOrder;
        var quantity = shortfall <= 0 ? 0 : RoundUpToPack(shortfall, packSize);
        return new ReorderSuggestion(Math.Round(rate, 2), reorderPoint, cover, quantity);
    }

    public static int RoundUpToPack(int units, int packSize) =>
        units <= 0 ? 0 : checked((units + packSize - 1) / packSize * packSize);
}
