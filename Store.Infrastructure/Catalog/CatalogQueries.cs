using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Catalog;

/// <summary>Read side of the catalog: one query per page, projected straight to summaries (no N+1).</summary>
public sealed class CatalogQueries(StoreDbContext db, CatalogCache cache)
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
            await Summaries(db.Products.Where(p => p.IsPublished && p.IsFeatured).OrderBy(p => p.Id).Take(count)).ToListAsync(ct));

    public Task<ProductListPage> ByCategoryAsync(int categoryId, int page, int pageSize, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        return cache.GetOrLoadAsync($"category:{categoryId}:{page}:{pageSize}", () => LoadCategoryPageAsync(categoryId, page, pageSize, ct));
    }

    private async Task<ProductListPage> LoadCategoryPageAsync(int categoryId, int page, int pageSize, CancellationToken ct)
    {
        var query = db.Products.Where(p => p.IsPublished && p.CategoryId == categoryId);
        var total = await query.CountAsync(ct);
        var items = await Summaries(query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new ProductListPage(items, page, pageSize, total);
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

        return await Summaries(query.OrderBy(p => p.Id).Take(Math.Clamp(limit, 1, MaxPageSize))).ToListAsync(ct);
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
        return product is null
            ? null
            : new ProductDetail(product.Id, product.Name, product.Slug, product.Description, product.Brand, product.Category, product.Currency, product.Variants) { AllowBackorders = product.AllowBackorders, Images = product.Images };
    }

    public async Task<(string Name, string Brand)?> ImageSourceAsync(string slug, CancellationToken ct = default)
    {
        var p = await db.Products.AsNoTracking().Where(p => p.Slug == slug).Select(p => new { p.Name, p.Brand }).FirstOrDefaultAsync(ct);
        return p is null ? null : (p.Name, p.Brand);
    }

    internal IQueryable<ProductSummary> Summaries(IQueryable<Domain.Catalog.Product> products) =>
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

        var ids = items.Select(p => p.Id).ToList();
        var main = await db.ProductImages.AsNoTracking()
            .Where(i => ids.Contains(i.ProductId))
            .GroupBy(i => i.ProductId)
            .Select(g => g.OrderBy(i => i.Position).ThenBy(i => i.Id).First())
            .ToDictionaryAsync(i => i.ProductId, ProductImageService.ToPicture, ct);
        return items.Select(p => main.TryGetValue(p.Id, out var image) ? p with { Image = image } : p).ToList();
    }
}
