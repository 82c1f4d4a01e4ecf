using Store.Domain.Checkout;
using Store.Domain.Ordering;
using Store.Domain.Shipping;
using Store.Domain.Tax;

namespace Store.Infrastructure.Checkout;

/// <summary>
/// What a cart costs delivered somewhere, from one <see cref="CheckoutCalculator"/> run. <see cref="IsEstimate"/>:
/// no address yet, so shipping is the cheapest method to the store's home country and tax comes at checkout.
/// <see cref="LineTax"/> is each line's tax by variant id, as the order item will keep it.
/// </summary>
public sealed record CheckoutQuote(
    OrderTotals Totals,
    bool IsEstimate,
    Destination Destination,
    ShippingQuote? Shipping,
    IReadOnlyList<ShippingQuote> ShippingOptions,
    long ShippingTaxMinor,
    IReadOnlyList<TaxBreakdownLine> TaxBreakdown,
    IReadOnlyDictionary<int, long> LineTax,
    bool PricesIncludeTax)
{
    public static CheckoutQuote Empty(string currency, Destination destination, bool pricesIncludeTax) =>
        new(new OrderTotals(0, 0, 0, currency), true, destination, null, [], 0, [], new Dictionary<int, long>(), pricesIncludeTax);
}
