using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
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

    /// <summary>Every category in tree order: each parent before its children, siblings by position.</summary>
    public Task<IReadOnlyList<CategorySummary>> CategoriesAsync(CancellationToken ct = default) =>
        cache.GetOrLoadAsync<IReadOnlyList<CategorySummary>>("categories", async () =>
        {
            var rows = await db.Categories.AsNoTracking().ToListAsync(ct);
            var byId = rows.ToDictionary(c => c.Id);
            var tree = new CategoryTree(rows.Select(c => new CategoryNode(c.Id, c.ParentId, c.SortOrder, c.Name)));
            return [.. tree.Flatten().Select(x => byId[x.Node.Id] is var c
                ? new CategorySummary(c.Id, c.Name, c.Slug, c.Description)
                {
                    ParentId = c.ParentId,
                    Depth = x.Depth,
                    Path = string.Join(" › ", tree.PathTo(c.Id).Select(n => n.Name)),
                    SeoTitle = c.SeoTitle,
                    SeoDescription = c.SeoDescription,
                }
                : null!)];
        });

    public async Task<CategorySummary?> CategoryAsync(string slug, CancellationToken ct = default) =>
        (await CategoriesAsync(ct)).FirstOrDefault(c => c.Slug == slug);

    public async Task<CategoryPageInfo?> CategoryPageAsync(string slug, CancellationToken ct = default)
    {
        var all = await CategoriesAsync(ct);
        var category = all.FirstOrDefault(c => c.Slug == slug);
        if (category is null)
        {
            return null;
        }

        var byId = all.ToDictionary(c => c.Id);
        var crumbs = new List<CategorySummary>();
        for (var c = category; c is not null && crumbs.Count <= all.Count; c = c.ParentId is { } p ? byId.GetValueOrDefault(p) : null)
        {
            crumbs.Insert(0, c);
        }

        return new CategoryPageInfo(category, crumbs, [.. all.Where(c => c.ParentId == category.Id)]);
    }

    /// <summary>The category and all below it, whose products a category page lists.</summary>
    private async Task<int[]> SelfAndDescendantsAsync(int categoryId, CancellationToken ct) => await BranchesAsync([categoryId], ct);

    /// <summary>
    /// The categories with these slugs and every category below them: what filtering by a category means on the
    /// category page, in <c>GET /api/products</c> and in search. Unknown slugs add nothing (so may leave it empty).
    /// </summary>
    public async Task<int[]> CategoryBranchesAsync(IEnumerable<string> slugs, CancellationToken ct = default)
    {
        var all = await CategoriesAsync(ct);
        var wanted = slugs.ToHashSet(StringComparer.Ordinal);
        return await BranchesAsync([.. all.Where(c => wanted.Contains(c.Slug)).Select(c => c.Id)], ct);
    }

    private async Task<int[]> BranchesAsync(IReadOnlyList<int> categoryIds, CancellationToken ct)
    {
        if (categoryIds.Count == 0)
        {
            return [];
        }

        var all = await CategoriesAsync(ct);
        var tree = new CategoryTree(all.Select(c => new CategoryNode(c.Id, c.ParentId, 0, c.Name)));
        return [.. categoryIds.SelectMany(tree.SelfAndDescendants).Distinct()];
    }

    public Task<IReadOnlyList<ProductSummary>> FeaturedAsync(int count, CancellationToken ct = default) =>
        cache.GetOrLoadAsync<IReadOnlyList<ProductSummary>>($"featured:{count}", async () =>
            await SummariesAsync(db.Products.Where(p => p.IsPublished && p.IsFeatured).OrderBy(p => p.Id).Take(count), ct));

    /// <summary>
    /// The published products of the category and its subcategories, by name or best-selling first (units sold in 30
    /// days, kept by the sales-signals job); with attribute filters (code → value), only those that have every one.
    /// </summary>
    public Task<ProductListPage> ByCategoryAsync(int categoryId, int page, int pageSize, bool bestSelling = false, CancellationToken ct = default, IReadOnlyDictionary<string, string>? attributes = null)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var filters = (attributes ?? new Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal).Take(10).ToList();
        var key = string.Join('&', filters.Select(f => $"{f.Key}={f.Value}"));
        return cache.GetOrLoadAsync($"category:{categoryId}:{page}:{pageSize}:{bestSelling}:{key}", () => LoadCategoryPageAsync(categoryId, page, pageSize, bestSelling, filters, ct));
    }

    public Task<int[]> CategoryBranchAsync(int categoryId, CancellationToken ct = default) => SelfAndDescendantsAsync(categoryId, ct);

    private async Task<ProductListPage> LoadCategoryPageAsync(int categoryId, int page, int pageSize, bool bestSelling, List<KeyValuePair<string, string>> filters, CancellationToken ct)
    {
        var ids = await SelfAndDescendantsAsync(categoryId, ct);
        var query = db.Products.Where(p => p.IsPublished && ids.Contains(p.CategoryId));
        foreach (var (code, value) in filters)
        {
            query = query.Where(p => db.ProductAttributes.Any(a => a.ProductId == p.Id && a.Value == value && db.AttributeDefinitions.Any(d => d.Id == a.AttributeId && d.Code == code)));
        }

        var total = await query.CountAsync(ct);
        if (!bestSelling)
        {
            var items = await SummariesAsync(query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize), ct);
            return new ProductListPage(items, page, pageSize, total);
        }

        // units_sold_30d belongs to the database, not the EF model: joined in from SQL, so the filters above still apply.
        var sold = db.Database.SqlQuery<UnitsSold>($"SELECT id, units_sold_30d AS units FROM products");
        var pageIds = await query
            .Join(sold, p => p.Id, s => s.Id, (p, s) => new { p.Id, p.Name, s.Units })
            .OrderByDescending(x => x.Units).ThenBy(x => x.Name).ThenBy(x => x.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => x.Id)
            .ToListAsync(ct);
        var ranked = await SummariesAsync(db.Products.Where(p => pageIds.Contains(p.Id)), ct);
        return new ProductListPage([.. ranked.OrderBy(p => pageIds.IndexOf(p.Id))], page, pageSize, total);
    }

    /// <summary>Keyset paging for the API: stable under inserts and as fast on page 500 as on page 1.</summary>
    public Task<IReadOnlyList<ProductSummary>> AfterAsync(int afterId, int limit, string? categorySlug, CancellationToken ct = default) =>
        cache.GetOrLoadAsync($"after:{afterId}:{limit}:{categorySlug}", () => LoadAfterAsync(afterId, limit, categorySlug, ct));

    private async Task<IReadOnlyList<ProductSummary>> LoadAfterAsync(int afterId, int limit, string? categorySlug, CancellationToken ct)
    {
        var query = db.Products.Where(p => p.IsPublished && p.Id > afterId);
        if (!string.IsNullOrEmpty(categorySlug))
        {
            // As on the category page: a parent lists its subcategories' products; an unknown slug lists nothing.
            var ids = await CategoryBranchesAsync([categorySlug], ct);
            query = query.Where(p => ids.Contains(p.CategoryId));
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
                p.SeoTitle,
                p.SeoDescription,
                Images = db.ProductImages.Where(i => i.ProductId == p.Id).OrderBy(i => i.Position).ThenBy(i => i.Id)
                    .Select(i => new ProductPicture(i.Hash, i.Format, i.Width, i.Height, i.Widths, i.AltText)).ToList(),
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
        var crumbs = (await CategoryPageAsync(product.Category.Slug, ct))?.Breadcrumbs ?? [product.Category];
        return new ProductDetail(product.Id, product.Name, product.Slug, product.Description, product.Brand, product.Category, product.Currency, variants)
        {
            AllowBackorders = product.AllowBackorders,
            Breadcrumbs = crumbs,
            SeoTitle = product.SeoTitle,
            SeoDescription = product.SeoDescription,
            Images = product.Images,
        };
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
            db.Inventory.Any(i => p.Variants.Select(v => v.Id).Contains(i.VariantId) && i.OnHand - i.Reserved > 0))
        {
            Image = db.ProductImages.Where(i => i.ProductId == p.Id).OrderBy(i => i.Position).ThenBy(i => i.Id)
                .Select(i => new ProductPicture(i.Hash, i.Format, i.Width, i.Height, i.Widths, i.AltText)).FirstOrDefault(),
        });

    /// <summary>Adds the main pictures to summaries read without them (one query for the whole list).</summary>
    internal static async Task<List<ProductSummary>> WithImagesAsync(StoreDbContext db, List<ProductSummary> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return items;
        }

        var main = await MainPicturesAsync(db, [.. items.Select(p => p.Id)], ct);
        return items.Select(p => main.TryGetValue(p.Id, out var image) ? p with { Image = image } : p).ToList();
    }

    /// <summary>Each product's main picture, for lists that are not product cards (the cart): one query for them all.</summary>
    public async Task<IReadOnlyDictionary<int, ProductPicture>> MainPicturesAsync(IReadOnlyCollection<int> productIds, CancellationToken ct = default) =>
        productIds.Count == 0 ? new Dictionary<int, ProductPicture>() : await MainPicturesAsync(db, [.. productIds.Distinct()], ct);

    private static Task<Dictionary<int, ProductPicture>> MainPicturesAsync(StoreDbContext db, List<int> productIds, CancellationToken ct) =>
        db.ProductImages.AsNoTracking()
            .Where(i => productIds.Contains(i.ProductId))
            .GroupBy(i => i.ProductId)
            .Select(g => g.OrderBy(i => i.Position).ThenBy(i => i.Id).First())
            .ToDictionaryAsync(i => i.ProductId, ProductImageService.ToPicture, ct);
}

/// <summary>A product's units sold in the last 30 days, as the sales-signals job keeps them.</summary>
internal sealed record UnitsSold(int Id, int Units);
