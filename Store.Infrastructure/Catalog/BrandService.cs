using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Catalog;

public sealed record BrandRow(int Id, string Name, string Slug, string Description, int ProductCount);

/// <summary>Brands: the products' brand names live here; products copy the name (see <see cref="Product.Brand"/>).</summary>
public sealed class BrandService(StoreDbContext db, AuditLog audit, CatalogCache cache)
{
    public async Task<IReadOnlyList<BrandRow>> ListAsync(CancellationToken ct = default) =>
        await db.Brands.AsNoTracking()
            .OrderBy(b => b.Name)
            .Select(b => new BrandRow(b.Id, b.Name, b.Slug, b.Description, db.Products.Count(p => p.BrandId == b.Id)))
            .ToListAsync(ct);

    /// <summary>The brand of that name (ignoring case), added (not yet saved) when there is none; null for a blank name.</summary>
    public async Task<Brand?> FindOrCreateAsync(string? name, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var trimmed = name.Trim();
        var brand = db.Brands.Local.FirstOrDefault(b => string.Equals(b.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            ?? await db.Brands.FirstOrDefaultAsync(b => b.Name.ToLower() == trimmed.ToLower(), ct);
        if (brand is not null)
        {
            return brand;
        }

        brand = new Brand(trimmed, await UniqueSlugAsync(Slug.From(trimmed), ct));
        db.Brands.Add(brand);
        await db.SaveChangesAsync(ct);
        audit.Record(actor, "brand.created", "brand", brand.Id.ToString(), new { brand.Name });
        return brand;
    }

    public async Task<Result<int>> SaveAsync(int? id, string? name, string? slug, string? description, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Brand.MaxNameLength)
        {
            return DomainError.Invalid("brand.name", $"A brand name is 1 to {Brand.MaxNameLength} characters.");
        }

        var wanted = string.IsNullOrWhiteSpace(slug) ? Slug.From(name) : slug.Trim();
        if (!Slug.IsValid(wanted) || wanted.Length > 120)
        {
            return DomainError.Invalid("brand.slug", "A slug is lower-case letters, digits and single dashes.");
        }

        if (description?.Length > 2000)
        {
            return DomainError.Invalid("brand.description", "A description is at most 2,000 characters.");
        }

        var trimmed = name.Trim();
        if (await db.Brands.AnyAsync(b => b.Id != id && (b.Slug == wanted || b.Name.ToLower() == trimmed.ToLower()), ct))
        {
            return DomainError.Conflict("brand.duplicate", "Another brand has this name or slug.");
        }

        var brand = id is null ? null : await db.Brands.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (id is not null && brand is null)
        {
            return DomainError.NotFound("brand.unknown", "No such brand.");
        }

        if (brand is null)
        {
            brand = new Brand(trimmed, wanted, description ?? "");
            db.Brands.Add(brand);
        }
        else
        {
            // Products keep a copy of the name: the database pushes a rename to them (trigger trg_brands_push_name).
            brand.Describe(trimmed, wanted, description ?? "");
        }

        await db.SaveChangesAsync(ct);
        audit.Record(actor, id is null ? "brand.created" : "brand.updated", "brand", brand.Id.ToString(), new { brand.Name, brand.Slug });
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return brand.Id;
    }

    public async Task<Result<bool>> DeleteAsync(int id, string actor, CancellationToken ct = default)
    {
        if (await db.Products.AnyAsync(p => p.BrandId == id, ct))
        {
            return DomainError.Conflict("brand.in-use", "Products still have this brand; give them another first.");
        }

        var deleted = await db.Brands.Where(b => b.Id == id).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            return DomainError.NotFound("brand.unknown", "No such brand.");
        }

        audit.Record(actor, "brand.deleted", "brand", id.ToString());
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }

    private async Task<string> UniqueSlugAsync(string baseSlug, CancellationToken ct)
    {
        var slug = string.IsNullOrEmpty(baseSlug) ? "brand" : baseSlug;
        var candidate = slug;
        for (var i = 2; db.Brands.Local.Any(b => b.Slug == candidate) || await db.Brands.AnyAsync(b => b.Slug == candidate, ct); i++)
        {
            candidate = $"{slug}-{i}";
        }

        return candidate;
    }
}
