using Store.Domain.Common;
using Store.Domain.Promotions;
using Store.Domain.Shipping;
using Store.Domain.Tax;

namespace Store.Domain.Checkout;

/// <summary>
/// The one totals calculation for cart, checkout, API and the order snapshot. The steps, in this order and only
/// here: shipping is quoted on the pre-discount subtotal and parcel weight; promotions take their share off each
/// line and the shipping; tax is computed per line on what is left (and on shipping where the zone taxes it); the
/// grand total is the sum of the lines plus shipping, plus tax when prices exclude it.
/// </summary>
public sealed class CheckoutCalculator(ShippingCalculator shipping, ITaxProvider tax)
{
    private const string ShippingKey = "shipping";

    public Result<CheckoutTotals> Calculate(CheckoutRequest request)
    {
        var currency = request.Currency;
        var zero = Money.Zero(currency);
        if (request.Lines.Any(l => l.Quantity <= 0 || l.Price.UnitPrice.Minor < 0 || l.Price.UnitPrice.Currency != currency))
        {
            return DomainError.Invalid("checkout.line", "Every line needs a positive quantity and a price in the cart's currency.");
        }

        if (request.Lines.Select(l => l.Key).Distinct(StringComparer.Ordinal).Count() != request.Lines.Count || request.Lines.Any(l => l.Key == ShippingKey))
        {
            return DomainError.Invalid("checkout.line", "Line keys must be unique.");
        }

        var subtotal = request.Lines.Aggregate(zero, (sum, l) => sum + l.Price.UnitPrice.Times(l.Quantity));
        var destination = request.Destination;
        ShippingQuote? quote = null;
        if (request.ShippingMethodId is { } methodId && request.Lines.Count > 0)
        {
            var weight = ParcelItem.TotalGrams(request.Lines.Select(l => new ParcelItem(l.UnitWeightGrams, l.Quantity)));
            var quoted = shipping.Quote(methodId, new ShippingRequest(destination.Country, destination.Region, destination.PostalCode, weight, subtotal));
            if (!quoted.IsSuccess)
            {
                return quoted.Error!;
            }

            if (quoted.Value.Price.Currency != currency)
            {
                return DomainError.Invalid("shipping.currency", "That shipping method is priced in another currency.");
            }

            quote = quoted.Value;
        }

        var shippingPrice = quote?.Price ?? zero;
        var promotionLines = request.Lines.Select(l => new PromotionLine(l.Key, l.ProductId, l.CategoryId, l.Price.UnitPrice, l.Quantity)).ToList();
        var promotions = PromotionEvaluator.Evaluate(request.Promotions, new PromotionCart(currency, promotionLines, shippingPrice, request.Codes, request.Now));

        var taxable = request.Lines
            .Select(l => new TaxableItem(l.Key, l.TaxClass, l.Price.UnitPrice.Times(l.Quantity) - promotions.DiscountFor(l.Key)))
            .Append(new TaxableItem(ShippingKey, request.TaxSettings.ShippingTaxClass, shippingPrice - promotions.ShippingDiscount, IsShipping: true))
            .ToList();
        var taxes = tax.Calculate(new TaxRequest(destination.Country, destination.Region, destination.PostalCode, request.TaxSettings, taxable, currency));
        var taxByKey = taxes.Items.ToDictionary(t => t.Key, t => t.Tax, StringComparer.Ordinal);
        var inclusive = request.TaxSettings.PricesIncludeTax;

        var lines = request.Lines.Select(l =>
        {
            var gross = l.Price.UnitPrice.Times(l.Quantity);
            var discount = promotions.DiscountFor(l.Key);
            var lineTax = taxByKey[l.Key];
            var total = inclusive ? gross - discount : gross - discount + lineTax;
            return new CheckoutLineTotals(l.Key, l.VariantId, l.Quantity, l.Price.UnitPrice, l.Price.Explanation, gross, discount, [.. promotions.Discounts.Where(d => d.LineKey == l.Key)], lineTax, total);
        }).ToList();

        var shippingTax = taxByKey[ShippingKey];
        var shippingCharged = shippingPrice - promotions.ShippingDiscount + (inclusive ? zero : shippingTax);
        var grandTotal = lines.Aggregate(zero, (sum, l) => sum + l.Total) + shippingCharged;

        return new CheckoutTotals(
            currency,
            inclusive,
            lines,
            subtotal,
            lines.Aggregate(zero, (sum, l) => sum + l.Discount),
            quote,
            promotions.ShippingDiscount,
            shippingTax,
            [.. promotions.Discounts.Where(d => d.LineKey is null)],
            taxes.Breakdown,
            taxes.Total,
            grandTotal,
            promotions.RejectedCodes);
    }
}
