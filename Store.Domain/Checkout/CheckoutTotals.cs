using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Promotions;
using Store.Domain.Shipping;
using Store.Domain.Tax;

namespace Store.Domain.Checkout;

/// <summary>
/// The totals of a cart or an order, with every line, discount and tax rate that makes them up. All amounts are
/// Money; <see cref="GrandTotal"/> is what is charged.
/// </summary>
public sealed record CheckoutTotals(
    string Currency,
    bool PricesIncludeTax,
    IReadOnlyList<CheckoutLineTotals> Lines,
    Money Subtotal,
    Money Discount,
    ShippingQuote? Shipping,
    Money ShippingDiscount,
    Money ShippingTax,
    IReadOnlyList<AppliedDiscount> ShippingDiscounts,
    IReadOnlyList<TaxBreakdownLine> TaxBreakdown,
    Money Tax,
    Money GrandTotal,
    IReadOnlyList<DomainError> RejectedCodes)
{
    public Money ShippingPrice => Shipping?.Price ?? Money.Zero(Currency);

    /// <summary>
    /// The same totals in the shape <see cref="OrderTotals"/> has today (subtotal + shipping + tax = total). In a
    /// tax-inclusive store the tax is taken out of subtotal and shipping so the sum is not counted twice; discounts
    /// are already inside subtotal and shipping. This is how the calculator replaces OrderTotals' internals without
    /// changing Order.Place: checkout computes CheckoutTotals once and passes these three numbers on.
    /// </summary>
    public OrderTotals ToOrderTotals()
    {
        var goods = Lines.Aggregate(Money.Zero(Currency), (sum, l) => sum + l.Gross - l.Discount);
        var shipping = ShippingPrice - ShippingDiscount;
        var lineTax = Tax - ShippingTax;
        return PricesIncludeTax
            ? new OrderTotals((goods - lineTax).Minor, (shipping - ShippingTax).Minor, Tax.Minor, Currency)
            : new OrderTotals(goods.Minor, shipping.Minor, Tax.Minor, Currency);
    }
}
