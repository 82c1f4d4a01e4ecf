using System.Globalization;
using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>
/// Resolves a unit price. Pure and deterministic: the time comes in, nothing is read from the clock. Every applicable
/// source (base, sale, group price, quantity tier, markdown) offers a candidate and the shopper gets the lowest; ties
/// go to the lower <see cref="PriceSource"/> and then to the label, so the order of price-list entries never matters.
/// Sources do not compound: a 20 % sale and a 10 % markdown give 20 % off, not 28 %. The result never goes below the
/// floor price, whatever the rules say.
/// </summary>
public static class PricingEngine
{
    public static ResolvedPrice Resolve(PriceRequest request, PriceBook book, DateTimeOffset now)
    {
        var basePrice = request.BasePrice;
        var candidates = new List<(Money Price, PriceSource Source, string Label, string Text, DateTimeOffset? Until)>
        {
            (basePrice, PriceSource.Base, "Regular price", "Regular price", null),
        };

        foreach (var sale in book.Sales.Where(s => s.VariantId == request.VariantId && s.IsActiveAt(now)))
        {
            var until = sale.EndsAt is { } end ? Until(end) : "";
            candidates.Add((sale.Adjustment.ApplyTo(basePrice), PriceSource.Sale, sale.Label, $"{sale.Label} {sale.Adjustment.Describe()}{until}", sale.EndsAt));
        }

        if (request.CustomerGroup is { } group)
        {
            foreach (var price in book.GroupPrices.Where(p => p.VariantId == request.VariantId && string.Equals(p.Group, group, StringComparison.OrdinalIgnoreCase)))
            {
                candidates.Add((price.UnitPrice, PriceSource.CustomerGroup, $"{price.Group} price", $"{price.Group} price", null));
            }
        }

        foreach (var tier in book.Tiers.Where(t => t.VariantId == request.VariantId && request.Quantity >= t.MinQuantity))
        {
            candidates.Add((tier.UnitPrice, PriceSource.QuantityTier, $"{tier.MinQuantity}+ price", $"{tier.MinQuantity}+ price", null));
        }

        foreach (var rule in book.Markdowns.Where(r => r.AppliesTo(request, now)))
        {
            candidates.Add((basePrice - rule.Off.Of(basePrice), PriceSource.Markdown, rule.Name, $"{rule.Name} −{rule.Off}", null));
        }

        foreach (var markdown in book.ActiveMarkdowns.Where(m => m.VariantId == request.VariantId))
        {
            candidates.Add((basePrice - markdown.Off.Of(basePrice), PriceSource.Markdown, markdown.RuleName, $"{markdown.RuleName} −{markdown.Off}", null));
        }

        var best = candidates
            .OrderBy(c => c.Price.Minor)
            .ThenBy(c => c.Source)
            .ThenBy(c => c.Text, StringComparer.Ordinal)
            .First();

        var floor = Math.Max(0, request.FloorPrice?.Minor ?? 0);
        if (best.Price.Minor < floor && best.Source != PriceSource.Base)
        {
            if (floor >= basePrice.Minor)
            {
                return ResolvedPrice.Regular(basePrice);
            }

            // The floor wins over every rule. The shopper reads the reduction they really get (a 25 % markdown held
            // at a floor of 80 % is 20 % off), never the rule's own figure, which the price would contradict.
            var floorPrice = new Money(floor, basePrice.Currency);
            return new ResolvedPrice(floorPrice, basePrice, new PriceExplanation(PriceSource.Floor, Reduction(best.Label, floorPrice, basePrice, best.Until), basePrice, best.Until));
        }

        return new ResolvedPrice(best.Price, basePrice, new PriceExplanation(best.Source, best.Text, basePrice, best.Until));
    }

    /// <summary>
    /// "Clearance −20 %": the whole percent actually taken off, rounded down so the badge never promises more than the
    /// price gives; a reduction under 1 % is named without a figure.
    /// </summary>
    private static string Reduction(string label, Money price, Money basePrice, DateTimeOffset? until)
    {
        var percent = (basePrice.Minor - price.Minor) * 100 / basePrice.Minor;
        var text = percent >= 1 ? $"{label} −{new Percent(percent)}" : label;
        return until is { } end ? $"{text}{Until(end)}" : text;
    }

    private static string Until(DateTimeOffset end) => $" until {end.ToString("d MMM", CultureInfo.InvariantCulture)}";
}
