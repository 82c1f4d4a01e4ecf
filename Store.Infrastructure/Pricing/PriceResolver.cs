using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Pricing;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Pricing;

/// <summary>One cart line or one card to price: a variant and how many of it.</summary>
public sealed record PriceQuery(int VariantId, int Quantity = 1);

/// <summary>
/// The one way the store prices a variant: catalog pages, search cards, the cart, checkout and the order all come
/// here, and this calls <see cref="PricingEngine"/>. A whole page is priced with one SQL query that brings each
/// variant with its sales, tiers, group prices and open markdowns, so pricing never costs a query per product.
/// </summary>
public sealed class PriceResolver(StoreDbContext db, IClock clock)
{
    /// <summary>Prices by variant id; a variant that does not exist is missing from the result.</summary>
    public async Task<IReadOnlyDictionary<int, ResolvedPrice>> ResolveAsync(IReadOnlyCollection<PriceQuery> queries, string? customerGroup, CancellationToken ct = default)
    {
        if (queries.Count == 0)
        {
            return new Dictionary<int, ResolvedPrice>();
        }

        var quantities = queries.GroupBy(q => q.VariantId).ToDictionary(g => g.Key, g => g.Sum(q => q.Quantity));
        var ids = quantities.Keys.ToList();
        var facts = await FactsAsync(db.Variants.Where(v => ids.Contains(v.Id)), customerGroup, ct);
        return facts.ToDictionary(f => f.Id, f => Resolve(f, quantities[f.Id], customerGroup));
    }

    /// <summary>
    /// The lowest price of each product's variants for one unit, for anyone (no customer group): search facets and
    /// price sort read it for every option, sold out or not.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, ResolvedPrice>> LowestByProductAsync(IReadOnlyCollection<int> productIds, CancellationToken ct = default)
    {
        if (productIds.Count == 0)
        {
            return new Dictionary<int, ResolvedPrice>();
        }

        var ids = productIds.Distinct().ToList();
        var facts = await FactsAsync(db.Variants.Where(v => ids.Contains(v.ProductId)), null, ct);
        return facts.GroupBy(f => f.ProductId).ToDictionary(g => g.Key, g => Cheapest(g.Select(f => (f.Id, Resolve(f, 1, null)))));
    }

    /// <summary>
    /// Cards with the price a shopper pays now ("from $12"), the regular price struck through and the reason. Like the
    /// product page's headline (<see cref="Domain.Catalog.ProductOffer"/>), a card quotes the cheapest option that can
    /// be bought (in stock, or any when backorders are allowed), and the cheapest of all only when none can: a sold-out
    /// option never advertises a price the shopper cannot pay. Priced for anyone: catalog pages are cached alike.
    /// </summary>
    public async Task<IReadOnlyList<ProductSummary>> PriceSummariesAsync(IReadOnlyList<ProductSummary> summaries, CancellationToken ct = default)
    {
        if (summaries.Count == 0)
        {
            return summaries;
        }

        var ids = summaries.Select(s => s.Id).Distinct().ToList();
        var facts = await FactsAsync(db.Variants.Where(v => ids.Contains(v.ProductId)), null, ct, withBuyable: true);
        var lowest = facts.GroupBy(f => f.ProductId).ToDictionary(g => g.Key, g =>
        {
            var pool = g.Any(f => f.Buyable) ? g.Where(f => f.Buyable) : g;
            return Cheapest(pool.Select(f => (f.Id, Resolve(f, 1, null))));
        });
        return [.. summaries.Select(s => lowest.TryGetValue(s.Id, out var price) ? s.WithPrice(price) : s)];
    }

    private static ResolvedPrice Cheapest(IEnumerable<(int Id, ResolvedPrice Price)> priced) =>
        priced.OrderBy(p => p.Price.UnitPrice.Minor).ThenBy(p => p.Id).First().Price;

    public async Task<string?> CustomerGroupAsync(string? customerId, CancellationToken ct = default) =>
        customerId is null ? null : await db.Users.Where(u => u.Id == customerId).Select(u => u.CustomerGroup).FirstOrDefaultAsync(ct);

    /// <param name="withBuyable">Cards only: whether each option can be bought now (the cart and checkout price what is in them).</param>
    private async Task<List<VariantPriceFacts>> FactsAsync(IQueryable<Domain.Catalog.ProductVariant> variants, string? customerGroup, CancellationToken ct, bool withBuyable = false)
    {
        var now = clock.UtcNow;
        var group = customerGroup?.Trim().ToLowerInvariant();
        return await variants.AsNoTracking()
            .Select(v => new VariantPriceFacts(
                v.Id,
                v.ProductId,
                v.Product.CategoryId,
                v.PriceMinor,
                v.FloorPriceMinor,
                v.Product.Currency,
                db.SalePrices
                    .Where(s => (s.VariantId == v.Id || s.ProductId == v.ProductId) && (s.StartsAt == null || s.StartsAt <= now) && (s.EndsAt == null || s.EndsAt > now))
                    .ToList(),
                db.QuantityTiers.Where(t => t.VariantId == v.Id).Select(t => new TierFact(t.MinQuantity, t.PriceMinor)).ToList(),
                db.CustomerGroupPrices.Where(p => group != null && p.VariantId == v.Id && p.Group == group).Select(p => p.PriceMinor).ToList(),
                db.Markdowns.Where(m => m.VariantId == v.Id && m.EndedAt == null).Select(m => new MarkdownFact(m.RuleName, m.PercentOff)).ToList(),
                withBuyable && (v.Product.AllowBackorders || db.Inventory.Any(i => i.VariantId == v.Id && i.OnHand - i.Reserved > 0))))
            .ToListAsync(ct);
    }

    private ResolvedPrice Resolve(VariantPriceFacts f, int quantity, string? customerGroup)
    {
        var currency = f.Currency.Trim();
        var book = new PriceBook(
            [.. f.Sales.Select(s => s.ToDomain(f.Id, currency))],
            customerGroup is null ? [] : [.. f.GroupPrices.Select(p => new CustomerGroupPrice(f.Id, customerGroup.Trim(), new Money(p, currency)))],
            [.. f.Tiers.Select(t => new QuantityTier(f.Id, t.MinQuantity, new Money(t.PriceMinor, currency)))],
            [])
        {
            ActiveMarkdowns = [.. f.Markdowns.Select(m => new ActiveMarkdown(f.Id, m.RuleName, new Percent(m.PercentOff)))],
        };
        var request = new PriceRequest(
            f.Id,
            f.ProductId,
            f.CategoryId,
            new Money(f.PriceMinor, currency),
            f.FloorPriceMinor is { } floor ? new Money(floor, currency) : null,
            Math.Max(1, quantity),
            customerGroup,
            Stock: 0,
            LastSoldAt: null);
        return PricingEngine.Resolve(request, book, clock.UtcNow);
    }

    private sealed record TierFact(int MinQuantity, long PriceMinor);

    private sealed record MarkdownFact(string RuleName, decimal PercentOff);

    private sealed record VariantPriceFacts(
        int Id,
        int ProductId,
        int? CategoryId,
        long PriceMinor,
        long? FloorPriceMinor,
        string Currency,
        List<StoredSalePrice> Sales,
        List<TierFact> Tiers,
        List<long> GroupPrices,
        List<MarkdownFact> Markdowns,
        bool Buyable);
}
