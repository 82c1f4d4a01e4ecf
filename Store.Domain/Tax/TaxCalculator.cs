using Store.Domain.Common;

namespace Store.Domain.Tax;

/// <summary>
/// The store's own tax rules. Rounding is per line, half-even (banker's): each item's tax is rounded to a minor unit
/// on its own and the order's tax is the sum of those, so the lines on an invoice always add up to its total and the
/// amount kept on each order item is exactly what was charged. Half-even rather than half-up so that ties (x.5 cents)
/// do not all round the same way across many lines. Tax-exclusive: tax = net × rate. Tax-inclusive: tax = gross ×
/// rate / (100 + rate) and net = gross − tax.
/// </summary>
public sealed class TaxCalculator(IReadOnlyList<TaxZone> zones) : ITaxProvider
{
    public TaxZone? ZoneFor(string country, string? region, string? postalCode) =>
        zones
            .Where(z => z.Area.Contains(country, region, postalCode))
            .OrderByDescending(z => z.Area.Specificity)
            .ThenBy(z => z.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    public TaxResult Calculate(TaxRequest request)
    {
        var zone = ZoneFor(request.Country, request.Region, request.PostalCode);
        var items = new List<ItemTax>(request.Items.Count);
        foreach (var item in request.Items)
        {
            var rate = zone is null || (item.IsShipping && !zone.TaxesShipping) ? Percent.Zero : zone.RateFor(item.TaxClass);
            var tax = request.Settings.PricesIncludeTax ? rate.IncludedIn(item.Amount) : rate.Of(item.Amount);
            var net = request.Settings.PricesIncludeTax ? item.Amount - tax : item.Amount;
            items.Add(new ItemTax(item.Key, rate, net, tax, zone?.Name));
        }

        var breakdown = items
            .Where(i => i.Rate.Value != 0m)
            .GroupBy(i => i.Rate.Value)
            .OrderByDescending(g => g.Key)
            .Select(g => new TaxBreakdownLine(
                zone!.Name,
                new Percent(g.Key),
                g.Aggregate(Money.Zero(request.Currency), (sum, i) => sum + i.Net),
                g.Aggregate(Money.Zero(request.Currency), (sum, i) => sum + i.Tax)))
            .ToList();
        var total = items.Aggregate(Money.Zero(request.Currency), (sum, i) => sum + i.Tax);
        return new TaxResult(items, breakdown, total);
    }
}
