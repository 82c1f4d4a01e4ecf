namespace Store.Domain.Ordering;

/// <summary>
/// The one calculation of a cart's or an order's totals, used by the cart page, checkout, the API and the order
/// snapshot alike, so a shopper is never shown one total and charged another.
/// Discounts, tax and rated shipping come from <see cref="Checkout.CheckoutCalculator"/>: checkout calls it once and
/// hands <see cref="Checkout.CheckoutTotals.ToOrderTotals"/> on, which has this same shape, so this flat-rate
/// version can be retired without changing Order.Place's callers.
/// </summary>
public sealed record OrderTotals(long SubtotalMinor, long ShippingMinor, long TaxMinor, string Currency)
{
    public long TotalMinor => checked(SubtotalMinor + ShippingMinor + TaxMinor);

    public static OrderTotals For(IEnumerable<(long UnitPriceMinor, int Quantity)> lines, long flatShippingMinor, string currency)
    {
        var subtotal = 0L;
        var any = false;
        foreach (var (price, quantity) in lines)
        {
            subtotal = checked(subtotal + (price * quantity));
            any = true;
        }

        // No lines, nothing to ship.
        return new OrderTotals(subtotal, any ? flatShippingMinor : 0, 0, currency);
    }
}
