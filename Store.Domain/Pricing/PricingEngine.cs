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
        var candidates = new List<(Money Price, PriceSource Source, string Text, DateTimeOffset? Until)>
        {
            (basePrice, PriceSource.Base, "Regular price", null),
        };

        foreach (var sale in book.Sales.Where(s => s.VariantId == request.VariantId && s.IsActiveAt(now)))
        {
            var until = sale.EndsAt is { } end ? $" until {end.ToString("d MMM", CultureInfo.InvariantCulture)}" : "";
            candidates.Add((sale.Adjustment.ApplyTo(basePrice), PriceSource.Sale, $"{sale.Label} {sale.Adjustment.Describe()}{until}", sale.EndsAt));
        }

        if (request.CustomerGroup is { } group)
        {
            foreach (var price in book.GroupPrices.Where(p => p.VariantId == request.VariantId && string.Equals(p.Group, group, StringComparison.OrdinalIgnoreCase)))
            {
                candidates.Add((price.UnitPrice, PriceSource.CustomerGroup, $"{price.Group} price", null));
            }
        }

        foreach (var tier in book.Tiers.Where(t => t.VariantId == request.VariantId && request.Quantity >= t.MinQuantity))
        {
            candidates.Add((tier.UnitPrice, PriceSource.QuantityTier, $"{tier.MinQuantity}+ price", null));
        }

        foreach (var rule in book.Markdowns.Where(r => r.AppliesTo(request, now)))
        {
            candidates.Add((basePrice - rule.Off.Of(basePrice), PriceSource.Markdown, $"{rule.Name} −{rule.Off}", null));
        }

        foreach (var markdown in book.ActiveMarkdowns.Where(m => m.VariantId == request.VariantId))
        {
            candidates.Add((basePrice - markdown.Off.Of(basePrice), PriceSource.Markdown, $"{markdown.RuleName} −{markdown.Off}", null));
        }

        var best = candidates
            .OrderBy(c => c.Price.Minor)
            .ThenBy(c => c.Source)
            .ThenBy(c => c.Text, StringComparer.Ordinal)
            .First();

        var floor = Math.Max(0, request.FloorPrice?.Minor ?? 0);
        if (best.Price.Minor < floor && best.Source != PriceSource.Base)
        {
            // The floor wins over every rule; the shopper still sees which rule was capped.
            var floorPrice = new Money(Math.Min(floor, basePrice.Minor), basePrice.Currency);
            return new ResolvedPrice(floorPrice, basePrice, new PriceExplanation(PriceSource.Floor, $"{best.Text} (limited to floor price)", basePrice, best.Until));
        }

        return new ResolvedPrice(best.Price, basePrice, new PriceExplanation(best.Source, best.Text, basePrice, best.Until));
    }
}
