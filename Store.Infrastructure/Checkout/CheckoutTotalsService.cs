using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Checkout;
using Store.Domain.Common;
using Store.Domain.Pricing;
using Store.Domain.Shipping;
using Store.Domain.Tax;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Checkout;

/// <summary>
/// The one place a cart becomes totals: the cart page and GET /api/cart (no address: an estimate), the checkout page,
/// and the order snapshot all come through <see cref="QuoteAsync"/>, which calls <see cref="CheckoutCalculator"/>
/// exactly once. Promotions are not wired in yet, so none are passed.
/// </summary>
public sealed class CheckoutTotalsService(StoreDbContext db, RatesCache rates, IClock clock, IOptions<ShopOptions> options)
{
    /// <param name="destination">Null before the shopper has given an address.</param>
    /// <param name="shippingMethodId">Null for the cheapest method that delivers there.</param>
    public async Task<Result<CheckoutQuote>> QuoteAsync(IReadOnlyList<CartLineView> lines, Destination? destination, string? shippingMethodId, CancellationToken ct = default)
    {
        var shop = options.Value;
        var currency = shop.Currency;
        var where = destination ?? new Destination(shop.HomeCountry, null, null);
        if (lines.Count == 0)
        {
            return CheckoutQuote.Empty(currency, where, shop.PricesIncludeTax);
        }

        var cached = await rates.GetAsync(db, ct);
        var shipping = cached.Shipping;
        var calculator = new CheckoutCalculator(shipping, cached.Tax);

        var checkoutLines = lines.Select(l =>
        {
            var price = new Money(l.UnitPriceMinor, currency);
            return new CheckoutLine(Key(l.VariantId), l.VariantId, l.ProductId, l.CategoryId, l.TaxClass, l.WeightGrams, l.Quantity, new ResolvedPrice(price, price, new PriceExplanation(PriceSource.Base, "Regular price", price)));
        }).ToList();
        var subtotal = checkoutLines.Aggregate(Money.Zero(currency), (sum, l) => sum + l.Price.UnitPrice.Times(l.Quantity));
        var weight = ParcelItem.TotalGrams(checkoutLines.Select(l => new ParcelItem(l.UnitWeightGrams, l.Quantity)));
        var choices = shipping.QuotesFor(new ShippingRequest(where.Country, where.Region, where.PostalCode, weight, subtotal));
        if (destination is not null && choices.Count == 0)
        {
            return DomainError.Invalid("shipping.zone", "Sorry, we do not ship to this address yet.");
        }

        var methodId = shippingMethodId ?? choices.FirstOrDefault()?.MethodId;
        var request = new CheckoutRequest(currency, checkoutLines, where, methodId, [], [], new TaxSettings(shop.PricesIncludeTax), clock.UtcNow);
        var calculated = calculator.Calculate(request);
        if (!calculated.IsSuccess)
        {
            return calculated.Error!;
        }

        var totals = calculated.Value;
        return new CheckoutQuote(
            totals.ToOrderTotals(),
            destination is null,
            where,
            totals.Shipping,
            choices,
            totals.ShippingTax.Minor,
            totals.TaxBreakdown,
            totals.Lines.ToDictionary(l => l.VariantId, l => l.Tax.Minor),
            totals.PricesIncludeTax);
    }

    private static string Key(int variantId) => variantId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
