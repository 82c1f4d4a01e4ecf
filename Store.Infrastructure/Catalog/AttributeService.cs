using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Catalog;

public sealed record AttributeRow(int Id, string Code, string Name, AttributeType Type);

public sealed record ProductAttributeValue(int AttributeId, string Code, string Name, AttributeType Type, string? Value);

/// <summary>An attribute value shoppers can filter a category by, with how many of its products have it.</summary>
public sealed record AttributeFacet(string Code, string Name, string Value, string Label, int Count);

/// <summary>Typed attributes: their definitions, a product's values, and filtering a category page by them.</summary>
public sealed class AttributeService(StoreDbContext db, AuditLog audit, CatalogCache cache)
{
    public async Task<IReadOnlyList<AttributeRow>> ListAsync(CancellationToken ct = default) =>
        await db.AttributeDefinitions.AsNoTracking().OrderBy(a => a.Name).Select(a => new AttributeRow(a.Id, a.Code, a.Name, a.Type)).ToListAsync(ct);

    public async Task<Result<int>> CreateAsync(string? code, string? name, AttributeType type, string actor, CancellationToken ct = default)
    {
        var slug = Slug.From(string.IsNullOrWhiteSpace(code) ? name ?? "" : code);
        if (slug.Length is 0 or > 40 || string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            return DomainError.Invalid("attribute.name", "An attribute needs a name of 1 to 60 characters and a code of at most 40.");
        }

        if (await db.AttributeDefinitions.AnyAsync(a => a.Code == slug, ct))
        {
            return DomainError.Conflict("attribute.code", $"An attribute with the code {slug} exists.");
        }

        var attribute = new AttributeDefinition(slug, name, type);
        db.AttributeDefinitions.Add(attribute);
        await db.SaveChangesAsync(ct);
        audit.Record(actor, "attribute.created", "attribute", attribute.Id.ToString(), new { attribute.Code, attribute.Type });
        await db.SaveChangesAsync(ct);
        return attribute.Id;
    }

    /// <summary>Every attribute with this product's value (null where it has none).</summary>
    public async Task<IReadOnlyList<ProductAttributeValue>> ForProductAsync(int productId, CancellationToken ct = default) =>
        await db.AttributeDefinitions.AsNoTracking()
            .OrderBy(a => a.Name)
            .Select(a => new ProductAttributeValue(a.Id, a.Code, a.Name, a.Type, db.ProductAttributes.Where(v => v.ProductId == productId && v.AttributeId == a.Id).Select(v => v.Value).FirstOrDefault()))
            .ToListAsync(ct);

    /// <summary>Sets the product's values; a blank value removes it. Any value not of its type refuses the whole change.</summary>
    public async Task<Result<bool>> SetForProductAsync(int productId, IReadOnlyDictionary<int, string?> values, string actor, CancellationToken ct = default)
    {
        var product = await db.Products.Include(p => p.Attributes).FirstOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null)
        {
            return DomainError.NotFound("product.unknown", "No such product.");
        }

        var ids = values.Keys.ToList();
        var definitions = await db.AttributeDefinitions.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var (id, value) in values)
        {
            if (!definitions.TryGetValue(id, out var attribute))
            {
                return DomainError.Invalid("attribute.unknown", "One of the attributes no longer exists.");
            }

            try
            {
                product.SetAttribute(attribute, value);
            }
            catch (ArgumentException e)
            {
                return DomainError.Invalid("attribute.value", e.Message.Split(" (Parameter")[0]);
            }
        }

        audit.Record(actor, "product.attributes-set", "product", productId.ToString(), values);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }

    /// <summary>The attribute values among the published products of these categories, with counts, for the category page's filters.</summary>
    public Task<IReadOnlyList<AttributeFacet>> FacetsAsync(IReadOnlyCollection<int> categoryIds, CancellationToken ct = default) =>
        cache.GetOrLoadAsync<IReadOnlyList<AttributeFacet>>($"attribute-facets:{string.Join(',', categoryIds.Order())}", async () =>
        {
            var ids = categoryIds.ToArray();
            var rows = await db.ProductAttributes.AsNoTracking()
                .Where(v => db.Products.Any(p => p.Id == v.ProductId && p.IsPublished && ids.Contains(p.CategoryId)))
                .Join(db.AttributeDefinitions, v => v.AttributeId, a => a.Id, (v, a) => new { a.Code, a.Name, a.Type, v.Value })
                .GroupBy(x => new { x.Code, x.Name, x.Type, x.Value })
                .Select(g => new { g.Key.Code, g.Key.Name, g.Key.Type, g.Key.Value, Count = g.Count() })
                .ToListAsync(ct);
            return [.. rows.OrderBy(r => r.Name).ThenBy(r => r.Value)
                .Select(r => new AttributeFacet(r.Code, r.Name, r.Value, r.Type == AttributeType.Bool ? (r.Value == "true" ? "Yes" : "No") : r.Value, r.Count))];
        });
}
