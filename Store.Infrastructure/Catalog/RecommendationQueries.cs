using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Catalog;

/// <summary>
/// "Frequently bought together" from real order co-occurrence, "similar products" (same category, closest
/// price) and "recently viewed" (ids kept by the storefront in a cookie). Each falls back sensibly when there
/// is no data yet: no co-purchases → similar products.
/// </summary>
public sealed class RecommendationQueries(StoreDbContext db, CatalogQueries catalog, CatalogCache cache)
{
    private static readonly OrderStatus[] Sold =
        [OrderStatus.Paid, OrderStatus.Fulfilling, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.PartiallyRefunded];

    public Task<IReadOnlyList<ProductSummary>> BoughtTogetherAsync(int productId, int take, CancellationToken ct = default) =>
        cache.GetOrLoadAsync($"together:{productId}:{take}", async () =>
        {
            var withIt = db.OrderItems.Where(i => db.Variants.Any(v => v.Id == i.VariantId && v.ProductId == productId)).Select(i => i.OrderId);
            var ranked = await db.OrderItems.AsNoTracking()
                .Where(i => withIt.Contains(i.OrderId) && db.Orders.Any(o => o.Id == i.OrderId && Sold.Contains(o.Status)))
                .Join(db.Variants, i => i.VariantId, v => v.Id, (i, v) => new { i.OrderId, v.ProductId })
                .Where(x => x.ProductId != productId)
                .GroupBy(x => x.ProductId)
                .Select(g => new { ProductId = g.Key, Orders = g.Select(x => x.OrderId).Distinct().Count() })
                .OrderByDescending(x => x.Orders).ThenBy(x => x.ProductId)
                .Take(take)
                .ToListAsync(ct);
            if (ranked.Count == 0)
            {
                return await SimilarAsync(productId, take, ct);
            }

            var ids = ranked.Select(r => r.ProductId).ToList();
            var items = await catalog.SummariesAsync(db.Products.Where(p => ids.Contains(p.Id) && p.IsPublished), ct);
            return (IReadOnlyList<ProductSummary>)items.OrderBy(p => ids.IndexOf(p.Id)).ToList();
        });

    public Task<IReadOnlyList<ProductSummary>> SimilarAsync(int productId, int take, CancellationToken ct = default) =>
        cache.GetOrLoadAsync<IReadOnlyList<ProductSummary>>($"similar:{productId}:{take}", async () =>
        {
            var product = await db.Products.AsNoTracking()
                .Where(p => p.Id == productId)
                .Select(p => new { p.CategoryId, p.Brand, Price = p.Variants.Min(v => (long?)v.PriceMinor) ?? 0 })
                .FirstOrDefaultAsync(ct);
            if (product is null)
            {
                return [];
            }

            return await catalog.SummariesAsync(
                db.Products
                    .Where(p => p.IsPublished && p.Id != productId && p.CategoryId == product.CategoryId)
                    .OrderBy(p => p.Brand == product.Brand ? 0 : 1)
                    .ThenBy(p => Math.Abs((p.Variants.Min(v => (long?)v.PriceMinor) ?? 0) - product.Price))
                    .ThenBy(p => p.Id)
                    .Take(take),
                ct);
        });

    public async Task<IReadOnlyList<ProductSummary>> ByIdsAsync(IReadOnlyList<int> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var items = await catalog.SummariesAsync(db.Products.Where(p => ids.Contains(p.Id) && p.IsPublished), ct);
        return items.OrderBy(p => ids.ToList().IndexOf(p.Id)).ToList();
    }
}
