using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Catalog;

/// <summary>
/// "Frequently bought together" from real order co-occurrence (the bought_together table, recomputed from paid orders
/// by the sales-signals job), "similar products" (same category, closest price) and "recently viewed" (ids kept by
/// the storefront in a cookie). Each falls back sensibly when there is no data yet: no co-purchases → similar products.
/// </summary>
public sealed class RecommendationQueries(StoreDbContext db, CatalogQueries catalog, CatalogCache cache)
{
    public Task<IReadOnlyList<ProductSummary>> BoughtTogetherAsync(int productId, int take, CancellationToken ct = default) =>
        cache.GetOrLoadAsync($"together:{productId}:{take}", async () =>
        {
            var ids = await db.Database.SqlQuery<int>($"""
                SELECT other_product_id AS "Value" FROM bought_together
                WHERE product_id = {productId}
                ORDER BY orders DESC, other_product_id
                LIMIT {take}
                """).ToListAsync(ct);
            var items = ids.Count == 0 ? [] : await catalog.SummariesAsync(db.Products.Where(p => ids.Contains(p.Id) && p.IsPublished), ct);
            return items.Count == 0
                ? await SimilarAsync(productId, take, ct)
                : (IReadOnlyList<ProductSummary>)[.. items.OrderBy(p => ids.IndexOf(p.Id))];
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
