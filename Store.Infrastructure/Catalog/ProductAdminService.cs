using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;

namespace Store.Infrastructure.Catalog;

public sealed record NewVariant(string? Sku, string? Title, string? Size, string? Colour, long PriceMinor, int InitialStock);

public sealed record NewProduct(string? Name, string? Description, string? Brand, int CategoryId, bool Published, IReadOnlyList<NewVariant>? Variants);

public sealed record ProductEdit(int Id, string Name, string Description, int? BrandId, int CategoryId, bool Published, bool Featured, IReadOnlyList<VariantPriceEdit> Variants)
{
    public bool AllowBackorders { get; init; }
    public string Slug { get; init; } = "";
    public string SeoTitle { get; init; } = "";
    public string SeoDescription { get; init; } = "";
}

public sealed record VariantPriceEdit(int Id, string Sku, string Title, long PriceMinor);

public sealed record ProductAdminRow(int Id, string Name, string Brand, string Category, int VariantCount, long PriceFromMinor, bool Published, bool Featured, DateTimeOffset UpdatedAt);

public sealed partial class ProductAdminService(StoreDbContext db, AuditLog audit, IClock clock, IOptions<ShopOptions> options, CatalogCache cache, InventoryService inventory, BrandService brands, Pricing.PriceFacts facts)
{
    public async Task<IReadOnlyList<ProductAdminRow>> ListAsync(string? search, CancellationToken ct = default)
    {
        var query = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim()}%";
            query = query.Where(p => EF.Functions.ILike(p.Name, pattern) || p.Variants.Any(v => EF.Functions.ILike(v.Sku, pattern)));
        }

        return await query
            .OrderBy(p => p.Name)
            .Take(500)
            .Select(p => new ProductAdminRow(p.Id, p.Name, p.Brand, p.Category!.Name, p.Variants.Count, p.Variants.Min(v => (long?)v.PriceMinor) ?? 0, p.IsPublished, p.IsFeatured, p.UpdatedAt))
            .ToListAsync(ct);
    }

    public async Task<ProductEdit?> GetForEditAsync(int id, CancellationToken ct = default) =>
        await db.Products.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new ProductEdit(
                p.Id,
                p.Name,
                p.Description,
                p.BrandId,
                p.CategoryId,
                p.IsPublished,
                p.IsFeatured,
                p.Variants.OrderBy(v => v.Id).Select(v => new VariantPriceEdit(v.Id, v.Sku, v.Title, v.PriceMinor)).ToList())
            {
                AllowBackorders = p.AllowBackorders,
                Slug = p.Slug,
                SeoTitle = p.SeoTitle,
                SeoDescription = p.SeoDescription,
            })
            .FirstOrDefaultAsync(ct);

    public Task<Result<int>> CreateAsync(NewProduct request, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => CreateOnceAsync(request, actor, token), ct);

    private async Task<Result<int>> CreateOnceAsync(NewProduct request, string actor, CancellationToken ct)
    {
        var errors = Validate(request);
        if (errors is not null)
        {
            return errors;
        }

        if (!await db.Categories.AnyAsync(c => c.Id == request.CategoryId, ct))
        {
            return DomainError.Invalid("product.category", $"Category {request.CategoryId} does not exist.");
        }

        var skus = request.Variants!.Select(v => v.Sku!.Trim().ToUpperInvariant()).ToList();
        if (skus.Distinct().Count() != skus.Count)
        {
            return DomainError.Invalid("product.sku", "Each variant needs its own SKU.");
        }

        if (await db.Variants.AnyAsync(v => skus.Contains(v.Sku), ct))
        {
            return DomainError.Conflict("product.sku", "A variant with one of these SKUs already exists.");
        }

        var slug = await UniqueSlugAsync(Slug.From(request.Name!), ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var brand = await brands.FindOrCreateAsync(request.Brand, actor, ct);
        var product = new Product(request.Name!, slug, request.Description ?? "", brand, request.CategoryId, options.Value.Currency, clock.UtcNow);
        product.SetPublished(request.Published);
        var variants = request.Variants!
            .Select(v => (Variant: product.AddVariant(v.Sku!, string.IsNullOrWhiteSpace(v.Title) ? "Default" : v.Title.Trim(), v.Size, v.Colour, v.PriceMinor), v.InitialStock))
            .ToList();
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);

        var location = await db.Locations.Where(l => l.RetiredAt == null).OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync(ct);
        foreach (var (variant, stock) in variants)
        {
            if (stock > 0)
            {
                await inventory.ReceiveAsync(variant.Id, location, stock, actor, "Initial stock", ct);
            }
            else
            {
                db.Inventory.Add(new InventoryLevel(variant.Id, location, 0));
            }
        }

        audit.Record(actor, "product.created", "product", product.Id.ToString(), new { product.Name, Skus = skus });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return product.Id;
    }

    public async Task<Result<bool>> UpdateAsync(ProductEdit edit, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(edit.Name) || edit.Name.Length > Product.MaxNameLength)
        {
            return DomainError.Invalid("product.name", $"A product name is 1 to {Product.MaxNameLength} characters.");
        }

        if (edit.Variants.Any(v => v.PriceMinor < 0))
        {
            return DomainError.Invalid("product.price", "A price cannot be negative.");
        }

        var product = await db.Products.Include(p => p.Variants).FirstOrDefaultAsync(p => p.Id == edit.Id, ct);
        if (product is null)
        {
            return DomainError.NotFound("product.unknown", "No such product.");
        }

        if (!await db.Categories.AnyAsync(c => c.Id == edit.CategoryId, ct))
        {
            return DomainError.Invalid("product.category", "Choose a category.");
        }

        var brand = edit.BrandId is { } brandId ? await db.Brands.FirstOrDefaultAsync(b => b.Id == brandId, ct) : null;
        if (edit.BrandId is not null && brand is null)
        {
            return DomainError.Invalid("product.brand", "Choose a brand.");
        }

        var slug = string.IsNullOrWhiteSpace(edit.Slug) ? product.Slug : edit.Slug.Trim();
        if (!Slug.IsValid(slug) || slug.Length > Product.MaxSlugLength)
        {
            return DomainError.Invalid("product.slug", "A slug is lower-case letters, digits and single dashes.");
        }

        if (slug != product.Slug && await db.Products.AnyAsync(p => p.Slug == slug && p.Id != product.Id, ct))
        {
            return DomainError.Conflict("product.slug", $"Another product has the slug {slug}.");
        }

        if (edit.SeoTitle.Length > 200 || edit.SeoDescription.Length > 400)
        {
            return DomainError.Invalid("product.seo", "The SEO title is at most 200 characters and the description at most 400.");
        }

        var priceChanges = new List<object>();
        foreach (var change in edit.Variants)
        {
            var variant = product.Variants.FirstOrDefault(v => v.Id == change.Id);
            if (variant is not null && variant.PriceMinor != change.PriceMinor)
            {
                priceChanges.Add(new { variant.Sku, Before = variant.PriceMinor, After = change.PriceMinor });
                variant.ChangePrice(change.PriceMinor);
            }
        }

        var before = new { product.Name, product.Brand, product.CategoryId, product.IsPublished, product.IsFeatured, product.AllowBackorders, product.Slug };
        product.Rename(edit.Name, edit.Description);
        product.SetBrand(brand);
        product.SetSeo(slug, edit.SeoTitle, edit.SeoDescription);
        product.MoveTo(edit.CategoryId);
        product.SetPublished(edit.Published);
        product.SetFeatured(edit.Featured);
        product.SetBackorders(edit.AllowBackorders);
        product.Touch(clock.UtcNow);
        audit.Record(actor, "product.updated", "product", product.Id.ToString(), new
        {
            Before = before,
            After = new { product.Name, product.Brand, product.CategoryId, product.IsPublished, product.IsFeatured, product.AllowBackorders, product.Slug },
            Prices = priceChanges,
        });
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }

    private static DomainError? Validate(NewProduct r)
    {
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > Product.MaxNameLength)
        {
            return DomainError.Invalid("product.name", $"A product name is 1 to {Product.MaxNameLength} characters.");
        }

        if (r.Variants is null || r.Variants.Count == 0)
        {
            return DomainError.Invalid("product.variants", "A product needs at least one variant.");
        }

        if (r.Variants.Count > 100)
        {
            return DomainError.Invalid("product.variants", "A product has at most 100 variants.");
        }

        foreach (var v in r.Variants)
        {
            if (string.IsNullOrWhiteSpace(v.Sku) || v.Sku.Trim().Length > 64 || !v.Sku.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return DomainError.Invalid("product.sku", "A SKU is 1 to 64 letters, digits, '-' or '_'.");
            }

            if (v.PriceMinor is < 0 or > 100_000_000)
            {
                return DomainError.Invalid("product.price", "A price is between 0 and 1,000,000.00.");
            }

            if (v.InitialStock is < 0 or > 1_000_000)
            {
                return DomainError.Invalid("product.stock", "Initial stock is between 0 and 1,000,000.");
            }

            if (v.Title?.Length > 100 || v.Size?.Length > 20 || v.Colour?.Length > 30)
            {
                return DomainError.Invalid("product.variant", "A variant's title, size or colour is too long.");
            }
        }

        return r.Description?.Length > 10_000 || r.Brand?.Length > 100
            ? DomainError.Invalid("product.text", "The description or brand is too long.")
            : null;
    }

    private async Task<string> UniqueSlugAsync(string baseSlug, CancellationToken ct)
    {
        var slug = string.IsNullOrEmpty(baseSlug) ? "product" : baseSlug;
        var candidate = slug;
        for (var i = 2; await db.Products.AnyAsync(p => p.Slug == candidate, ct); i++)
        {
            candidate = $"{slug}-{i}";
        }

        return candidate;
    }
}
