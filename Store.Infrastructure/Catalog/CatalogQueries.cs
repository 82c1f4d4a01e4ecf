using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;
using Store.Infrastructure.Pricing;

namespace Store.Infrastructure.Catalog;

/// <summary>
/// Read side of the catalog: one query per page, projected straight to summaries, and one more that prices the whole
/// page through <see cref="PriceResolver"/> (no N+1). Cached pages carry their prices: a sale starts or ends on the
/// storefront at most <see cref="CatalogCache.Lifetime"/> late, and at once when changed in the admin.
/// </summary>
public sealed class CatalogQueries(StoreDbContext db, CatalogCache cache, PriceResolver prices)
{
    public const int MaxPageSize = 100;

    public Task<IReadOnlyList<CategorySummary>> CategoriesAsync(CancellationToken ct = default) =>
        cache.GetOrLoadAsync<IReadOnlyList<CategorySummary>>("categories", async () => await db.Categories.AsNoTracking()
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new CategorySummary(c.Id, c.Name, c.Slug, c.Description))
            .ToListAsync(ct));

    public async Task<CategorySummary?> CategoryAsync(string slug, CancellationToken ct = default) =>
        (await CategoriesAsync(ct)).FirstOrDefault(c => c.Slug == slug);

    public Task<IReadOnlyList<ProductSummary>> FeaturedAsync(int count, CancellationToken ct = default) =>
        cache.GetOrLoadAsync<IReadOnlyList<ProductSummary>>($"featured:{count}", async () =>
            await SummariesAsync(db.Products.Where(p => p.IsPublished && p.IsFeatured).OrderBy(p => p.Id).Take(count), ct));

    /// <summary>A category's products by name, or best-selling first (units sold in 30 days, kept by the sales-signals job).</summary>
    public Task<ProductListPage> ByCategoryAsync(int categoryId, int page, int pageSize, bool bestSelling = false, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        return cache.GetOrLoadAsync($"category:{categoryId}:{page}:{pageSize}:{bestSelling}", () => LoadCategoryPageAsync(categoryId, page, pageSize, bestSelling, ct));
    }

    private async Task<ProductListPage> LoadCategoryPageAsync(int categoryId, int page, int pageSize, bool bestSelling, CancellationToken ct)
    {
        var query = db.Products.Where(p => p.IsPublished && p.CategoryId == categoryId);
        var total = await query.CountAsync(ct);
        if (!bestSelling)
        {
            var items = await SummariesAsync(query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize), ct);
            return new ProductListPage(items, page, pageSize, total);
        }

        // units_sold_30d belongs to the database, not the EF model: the order comes from SQL, the summaries from EF.
        var ids = await db.Database.SqlQuery<int>($"""
            SELECT id AS "Value" FROM products
            WHERE is_published AND category_id = {categoryId}
            ORDER BY units_sold_30d DESC, name, id
            LIMIT {pageSize} OFFSET {(page - 1) * pageSize}
            """).ToListAsync(ct);
        var ranked = await SummariesAsync(query.Where(p => ids.Contains(p.Id)), ct);
        return new ProductListPage([.. ranked.OrderBy(p => ids.IndexOf(p.Id))], page, pageSize, total);
    }

    /// <summary>Keyset paging for the API: stable under inserts and as fast on page 500 as on page 1.</summary>
    public Task<IReadOnlyList<ProductSummary>> AfterAsync(int afterId, int limit, string? categorySlug, CancellationToken ct = default) =>
        cache.GetOrLoadAsync($"after:{afterId}:{limit}:{categorySlug}", () => LoadAfterAsync(afterId, limit, categorySlug, ct));

    private async Task<IReadOnlyList<ProductSummary>> LoadAfterAsync(int afterId, int limit, string? categorySlug, CancellationToken ct)
    {
        var query = db.Products.Where(p => p.IsPublished && p.Id > afterId);
        if (!string.IsNullOrEmpty(categorySlug))
        {
            query = query.Where(p => p.Category!.Slug == categorySlug);
        }

        return await SummariesAsync(query.OrderBy(p => p.Id).Take(Math.Clamp(limit, 1, MaxPageSize)), ct);
    }

    public Task<ProductDetail?> ProductAsync(string slug, CancellationToken ct = default) =>
        cache.GetOrLoadAsync($"product:{slug}", () => LoadProductAsync(slug, ct));

    private async Task<ProductDetail?> LoadProductAsync(string slug, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking()
            .Where(p => p.Slug == slug && p.IsPublished)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Slug,
                p.Description,
                p.Brand,
                Category = new CategorySummary(p.Category!.Id, p.Category.Name, p.Category.Slug, p.Category.Description),
                p.Currency,
                p.AllowBackorders,
                Variants = p.Variants.OrderBy(v => v.Id).Select(v => new VariantDetail(
                    v.Id,
                    v.Sku,
                    v.Title,
                    v.Size,
                    v.Colour,
                    v.PriceMinor,
                    db.Inventory.Where(i => i.VariantId == v.Id).Sum(i => i.OnHand - i.Reserved))).ToList(),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
        if (product is null)
        {
            return null;
        }

        var priced = await prices.ResolveAsync([.. product.Variants.Select(v => new PriceQuery(v.Id))], null, ct);
        var variants = product.Variants.Select(v => priced.TryGetValue(v.Id, out var price) ? v.WithPrice(price) : v).ToList();
        return new ProductDetail(product.Id, product.Name, product.Slug, product.Description, product.Brand, product.Category, product.Currency, variants) { AllowBackorders = product.AllowBackorders };
    }

    public async Task<(string Name, string Brand)?> ImageSourceAsync(string slug, CancellationToken ct = default)
    {
        var p = await db.Products.AsNoTracking().Where(p => p.Slug == slug).Select(p => new { p.Name, p.Brand }).FirstOrDefaultAsync(ct);
        return p is null ? null : (p.Name, p.Brand);
    }

    /// <summary>A page of cards, priced as shoppers pay today.</summary>
    internal async Task<IReadOnlyList<ProductSummary>> SummariesAsync(IQueryable<Domain.Catalog.Product> products, CancellationToken ct) =>
        await prices.PriceSummariesAsync(await Summaries(products).ToListAsync(ct), ct);

    private IQueryable<ProductSummary> Summaries(IQueryable<Domain.Catalog.Product> products) =>
        products.AsNoTracking().Select(p => new ProductSummary(
            p.Id,
            p.Name,
            p.Slug,
            p.Brand,
            p.Category!.Slug,
            p.Variants.Min(v => (long?)v.PriceMinor) ?? 0,
            p.Currency,
            db.Inventory.Any(i => p.Variants.Select(v => v.Id).Contains(i.VariantId) && i.OnHand - i.Reserved > 0)));
}
