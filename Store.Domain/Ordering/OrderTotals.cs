namespace Store.Domain.Ordering;

/// <summary>
/// The one calculation of a cart's or an order's totals, used by the cart page, checkout, the API and the order
/// snapshot alike, so a shopper is never shown one total and charged another.
/// Discounts, tax and rated shipping come from <see cref="Checkout.CheckoutCalculator"/>: checkout calls it once and
/// passes the shipping and each line's tax to Order.Place, which adds them up here in the shape of
/// <see cref="Checkout.CheckoutTotals.ToOrderTotals"/>; checkout then checks the two agree.
/// </summary>
public sealed record OrderTotals(long SubtotalMinor, long ShippingMinor, long TaxMinor, string Currency)
{
    public long TotalMinor => checked(SubtotalMinor + ShippingMinor + TaxMinor);

    /// <summary>
    /// The order's totals from lines that carry their computed tax, the same way
    /// <see cref="Checkout.CheckoutTotals.ToOrderTotals"/> shapes them: in a tax-inclusive store the tax is taken out
    /// of subtotal and shipping so it is not counted twice. Subtotal is after the lines' discounts, as there.
    /// </summary>
    public static OrderTotals For(IEnumerable<OrderLine> lines, long shippingMinor, long shippingTaxMinor, bool pricesIncludeTax, string currency)
    {
        var goods = 0L;
        var lineTax = 0L;
        foreach (var line in lines)
        {
            goods = checked(goods + line.NetMinor);
            lineTax = checked(lineTax + line.TaxMinor);
        }

        var tax = checked(lineTax + shippingTaxMinor);
        return pricesIncludeTax
            ? new OrderTotals(goods - lineTax, shippingMinor - shippingTaxMinor, tax, currency)
            : new OrderTotals(goods, shippingMinor, tax, currency);
    }
}
