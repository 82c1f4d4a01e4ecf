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
using Store.Infrastructure.Promotions;
using Store.Infrastructure.Shipping.Carriers;

namespace Store.Infrastructure.Checkout;

/// <summary>
/// The one place a cart becomes totals: the cart page and GET /api/cart (no address: an estimate), the checkout page,
/// and the order snapshot all come through <see cref="QuoteAsync"/>, which calls <see cref="CheckoutCalculator"/>
/// exactly once, with the enabled promotions that are not used up and the codes on the cart.
/// </summary>
public sealed class CheckoutTotalsService(StoreDbContext db, RatesCache rates, LiveShippingRates liveRates, IClock clock, IOptions<ShopOptions> options)
{
    public const string UncoveredAddressCode = "tax.uncovered";

    public const string UncoveredAddressMessage =
        "Sorry, we cannot take orders to this address yet: we have no tax rate for it. Please check the state or country, or contact us.";

    /// <param name="destination">Null before the shopper has given an address.</param>
    /// <param name="shippingMethodId">Null for the cheapest method that delivers there.</param>
    /// <param name="codes">The discount codes entered on the cart.</param>
    /// <param name="cartId">The cart quoted, so its own unpaid orders' promotion uses do not count against it.</param>
    public async Task<Result<CheckoutQuote>> QuoteAsync(IReadOnlyList<CartLineView> lines, Destination? destination, string? shippingMethodId, IReadOnlyCollection<string>? codes = null, Guid? cartId = null, CancellationToken ct = default)
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

        var checkoutLines = lines.Select(l =>
        {
            var price = new Money(l.UnitPriceMinor, currency);
            return new CheckoutLine(Key(l.VariantId), l.VariantId, l.ProductId, l.CategoryId, l.TaxClass, l.WeightGrams, l.Quantity, l.Price ?? ResolvedPrice.Regular(price));
        }).ToList();
        var subtotal = checkoutLines.Aggregate(Money.Zero(currency), (sum, l) => sum + l.Price.UnitPrice.Times(l.Quantity));
        var weight = ParcelItem.TotalGrams(checkoutLines.Select(l => new ParcelItem(l.UnitWeightGrams, l.Quantity)));
        if (destination is not null)
        {
            // Only once there is an address: the cart's estimate must not wait on a carrier.
            shipping = shipping.WithLiveQuotes(await liveRates.QuotesAsync(destination, weight, currency, ct));
        }

        var calculator = new CheckoutCalculator(shipping, cached.Tax);
        var choices = shipping.QuotesFor(new ShippingRequest(where.Country, where.Region, where.PostalCode, weight, subtotal));
        if (destination is not null && choices.Count == 0)
        {
            return DomainError.Invalid("shipping.zone", "Sorry, we do not ship to this address yet.");
        }

        // Refused here, in the one quote every checkout path takes, so the page, the API and the order agree.
        if (destination is not null && shop.Tax.RefuseUncoveredAddresses && cached.Tax.ZoneFor(where.Country, where.Region, where.PostalCode) is null)
        {
            return DomainError.Invalid(UncoveredAddressCode, UncoveredAddressMessage);
        }

        var methodId = shippingMethodId ?? choices.FirstOrDefault()?.MethodId;
        var offer = await PromotionOffer.LoadAsync(db, codes ?? [], cartId, ct);
        var request = new CheckoutRequest(currency, checkoutLines, where, methodId, offer.Promotions, offer.Codes, new TaxSettings(shop.PricesIncludeTax), clock.UtcNow);
        var calculated = calculator.Calculate(request);
        if (!calculated.IsSuccess)
        {
            return calculated.Error!;
        }

        var totals = calculated.Value;
        var discounted = totals.Lines.SelectMany(l => l.Discounts).Concat(totals.ShippingDiscounts).Select(d => d.PromotionId).ToHashSet(StringComparer.Ordinal);
        return new CheckoutQuote(
            totals.ToOrderTotals(),
            destination is null,
            where,
            totals.Shipping,
            choices,
            totals.ShippingTax.Minor,
            totals.TaxBreakdown,
            totals.Lines.ToDictionary(l => l.VariantId, l => l.Tax.Minor),
            totals.PricesIncludeTax)
        {
            Codes = [.. codes ?? []],
            Discounts = [.. totals.Lines.SelectMany(l => l.Discounts), .. totals.ShippingDiscounts],
            RejectedCodes = [.. offer.Refusals, .. totals.RejectedCodes],
            AppliedCodes = [.. offer.Promotions.Where(p => p.Code is not null && discounted.Contains(p.Id)).Select(p => p.Code!)],
        };
    }

    private static string Key(int variantId) => CheckoutQuote.Key(variantId);
}
