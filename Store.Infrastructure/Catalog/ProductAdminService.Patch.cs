using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Catalog;

/// <summary>
/// What an integration changes on a product; a member left null is not touched (JSON merge patch: absent members
/// stay as they are). <see cref="PriceMinor"/> prices every variant; <see cref="VariantPrices"/> prices variants by SKU.
/// </summary>
public sealed record ProductPatch
{
    public string? Name { get; init; }

    /// <summary>Empty clears the description.</summary>
    public string? Description { get; init; }

    public bool? Published { get; init; }

    public long? PriceMinor { get; init; }

    public IReadOnlyDictionary<string, long>? VariantPrices { get; init; }
}

public sealed partial class ProductAdminService
{
    public const long MaxPriceMinor = 100_000_000;

    /// <summary>Changes the members the patch carries, all or none, with one audit entry saying what changed.</summary>
    public Task<Result<bool>> PatchAsync(int id, ProductPatch patch, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => PatchOnceAsync(id, patch, actor, token), ct);

    private async Task<Result<bool>> PatchOnceAsync(int id, ProductPatch patch, string actor, CancellationToken ct)
    {
        if (patch.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Product.MaxNameLength))
        {
            return DomainError.Invalid("product.name", $"A product name is 1 to {Product.MaxNameLength} characters.");
        }

        if (patch.Description?.Length > 10_000)
        {
            return DomainError.Invalid("product.text", "The description is at most 10,000 characters.");
        }

        if (patch.PriceMinor is < 0 or > MaxPriceMinor || patch.VariantPrices?.Values.Any(p => p is < 0 or > MaxPriceMinor) == true)
        {
            return DomainError.Invalid("product.price", "A price is between 0 and 1,000,000.00.");
        }

        await using var tx = await OwnedTransaction.BeginAsync(db.Database, ct);

        // Two integrations patching one product take turns, so each audit entry's "before" is what it replaced.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM products WHERE id = {id} FOR UPDATE", ct);
        var product = await db.Products.Include(p => p.Variants).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            return DomainError.NotFound("product.unknown", "No such product.");
        }

        var bySku = product.Variants.ToDictionary(v => v.Sku, StringComparer.OrdinalIgnoreCase);
        if (patch.VariantPrices?.Keys.FirstOrDefault(sku => !bySku.ContainsKey(sku.Trim())) is { } unknown)
        {
            return DomainError.Invalid("product.sku", $"The product has no variant with the SKU '{unknown}'.");
        }

        var before = new { product.Name, product.Description, product.IsPublished };
        var prices = new List<object>();
        void Price(ProductVariant variant, long priceMinor)
        {
            if (variant.PriceMinor != priceMinor)
            {
                prices.Add(new { variant.Sku, Before = variant.PriceMinor, After = priceMinor });
                variant.ChangePrice(priceMinor);
            }
        }

        foreach (var variant in patch.PriceMinor is null ? [] : product.Variants)
        {
            Price(variant, patch.PriceMinor!.Value);
        }

        foreach (var (sku, priceMinor) in patch.VariantPrices ?? new Dictionary<string, long>())
        {
            Price(bySku[sku.Trim()], priceMinor);
        }

        product.Rename(patch.Name ?? product.Name, patch.Description ?? product.Description);
        if (patch.Published is { } published)
        {
            product.SetPublished(published);
        }

        product.Touch(clock.UtcNow);
        audit.Record(actor, "product.updated", "product", product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new
        {
            Before = before,
            After = new { product.Name, product.Description, product.IsPublished },
            Prices = prices,
        });
        await db.SaveChangesAsync(ct);
        if (prices.Count > 0)
        {
            // A percentage sale's reduced "price from" follows the regular price it is taken off.
            await facts.RefreshAsync(ct);
        }

        await tx.CommitAsync(ct);
        cache.Invalidate();
        return true;
    }
}
