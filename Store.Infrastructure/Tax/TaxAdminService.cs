using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Tax;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Tax;

public sealed record TaxZoneRow(int Id, string Name, string Country, string? Region, string? PostalPrefix, decimal StandardRate, decimal ReducedRate, decimal ZeroRate, bool TaxesShipping);

public sealed record ProductTaxRow(int ProductId, string Name, TaxClass TaxClass, IReadOnlyList<VariantWeightRow> Variants);

public sealed record VariantWeightRow(int VariantId, string Sku, string Title, int WeightGrams);

/// <summary>
/// Staff keeping the tax rate sheet, the products' tax classes and the variants' shipping weights. Checkout reads
/// these on every quote, so a change applies to the next cart; placed orders keep what they were charged.
/// </summary>
public sealed class TaxAdminService(StoreDbContext db, AuditLog audit)
{
    public const int MaxWeightGrams = 1_000_000;

    public async Task<IReadOnlyList<TaxZoneRow>> ZonesAsync(CancellationToken ct = default) =>
        await db.TaxZones.AsNoTracking()
            .OrderBy(z => z.Country).ThenBy(z => z.Region).ThenBy(z => z.PostalPrefix)
            .Select(z => new TaxZoneRow(z.Id, z.Name, z.Country, z.Region, z.PostalPrefix, z.StandardRate, z.ReducedRate, z.ZeroRate, z.TaxesShipping))
            .ToListAsync(ct);

    /// <param name="id">Null for a new zone.</param>
    /// <returns>What is wrong, by form field ("" for the whole form); empty when the zone was saved.</returns>
    public async Task<IReadOnlyDictionary<string, string[]>> SaveZoneAsync(int? id, TaxZoneInput input, string actor, CancellationToken ct = default)
    {
        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return errors;
        }

        var country = input.Country!.Trim().ToUpperInvariant();
        var region = input.NormalisedRegion;
        var prefix = input.NormalisedPostalPrefix;
        if (await db.TaxZones.AnyAsync(z => z.Id != id && z.Country == country && z.Region == region && z.PostalPrefix == prefix, ct))
        {
            return new Dictionary<string, string[]> { [nameof(TaxZoneInput.Country)] = ["Another zone already covers exactly this country, region and postal prefix."] };
        }

        StoredTaxZone zone;
        if (id is null)
        {
            zone = new StoredTaxZone(input.Name!.Trim(), country, region, prefix, input.StandardRate, input.ReducedRate, input.TaxesShipping);
            db.TaxZones.Add(zone);
        }
        else if (await db.TaxZones.FirstOrDefaultAsync(z => z.Id == id, ct) is { } found)
        {
            zone = found;
        }
        else
        {
            return new Dictionary<string, string[]> { [""] = ["This tax zone no longer exists."] };
        }

        zone.Update(input);
        audit.Record(actor, id is null ? "tax.zone.created" : "tax.zone.updated", "tax_zone", (id ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture), input);
        await db.SaveChangesAsync(ct);
        return new Dictionary<string, string[]>();
    }

    public async Task<Result<bool>> DeleteZoneAsync(int id, string actor, CancellationToken ct = default)
    {
        var zone = await db.TaxZones.FirstOrDefaultAsync(z => z.Id == id, ct);
        if (zone is null)
        {
            return DomainError.NotFound("tax.zone", "No such tax zone.");
        }

        db.TaxZones.Remove(zone);
        audit.Record(actor, "tax.zone.deleted", "tax_zone", id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { zone.Name });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<ProductTaxRow>> ProductsAsync(string? search, int take, CancellationToken ct = default)
    {
        var query = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(p => EF.Functions.ILike(p.Name, $"%{s}%") || p.Variants.Any(v => EF.Functions.ILike(v.Sku, $"%{s}%")));
        }

        var products = await query.OrderBy(p => p.Name).Take(Math.Clamp(take, 1, 200))
            .Select(p => new { p.Id, p.Name, p.TaxClass, Variants = p.Variants.OrderBy(v => v.Id).Select(v => new VariantWeightRow(v.Id, v.Sku, v.Title, v.WeightGrams)).ToList() })
            .ToListAsync(ct);
        return [.. products.Select(p => new ProductTaxRow(p.Id, p.Name, p.TaxClass, p.Variants))];
    }

    public async Task<Result<bool>> SetTaxClassAsync(int productId, TaxClass taxClass, string actor, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(taxClass))
        {
            return DomainError.Invalid("tax.class", "Choose standard, reduced or zero.");
        }

        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null)
        {
            return DomainError.NotFound("catalog.product", "No such product.");
        }

        product.SetTaxClass(taxClass);
        audit.Record(actor, "product.tax_class", "product", productId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { TaxClass = taxClass.ToString() });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Result<bool>> SetWeightAsync(int variantId, int grams, string actor, CancellationToken ct = default)
    {
        if (grams is < 0 or > MaxWeightGrams)
        {
            return DomainError.Invalid("catalog.weight", $"A weight is from 0 to {MaxWeightGrams} g.");
        }

        var variant = await db.Variants.FirstOrDefaultAsync(v => v.Id == variantId, ct);
        if (variant is null)
        {
            return DomainError.NotFound("catalog.variant", "No such variant.");
        }

        variant.SetWeight(grams);
        audit.Record(actor, "variant.weight", "variant", variantId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { grams });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
