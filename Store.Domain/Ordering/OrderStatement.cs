namespace Store.Domain.Ordering;

/// <summary>
/// How an invoice or a confirmation adds a placed order up for the shopper: items at their price before promotions,
/// less the promotions, plus shipping before its promotion, plus tax when prices exclude it = the order's total.
/// Items, promotions, tax and total are the amounts the order kept; shipping is the rest of the kept total, so the
/// statement always adds up to what was charged. A tax-inclusive order is told by its subtotal (kept net of tax, so
/// below the lines' total); its tax is then shown as included rather than added.
/// </summary>
public sealed record OrderStatement(long ItemsMinor, long DiscountsMinor, long ShippingMinor, long TaxMinor, bool TaxIncluded, long TotalMinor)
{
    /// <param name="itemsGrossMinor">The lines' unit price × quantity, before promotions.</param>
    /// <param name="itemsNetMinor">The lines' totals as kept, after promotions.</param>
    /// <param name="discountsMinor">What the order's promotions took off, lines and shipping.</param>
    public static OrderStatement Of(long itemsGrossMinor, long itemsNetMinor, long discountsMinor, long subtotalMinor, long taxMinor, long totalMinor)
    {
        var taxIncluded = subtotalMinor < itemsNetMinor;
        var taxAdded = taxIncluded ? 0 : taxMinor;
        var shipping = checked(totalMinor - taxAdded - (itemsGrossMinor - discountsMinor));
        return new OrderStatement(itemsGrossMinor, discountsMinor, shipping, taxMinor, taxIncluded, totalMinor);
    }
}
