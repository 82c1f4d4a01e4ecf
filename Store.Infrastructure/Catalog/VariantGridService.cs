using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;

namespace Store.Infrastructure.Catalog;

/// <summary>One row of the admin's variant grid. Id is null for a variant the grid generated and has not saved yet.</summary>
public sealed record VariantGridRow(int? Id, IReadOnlyList<string> OptionValues, string Title, string Sku, string Barcode, long PriceMinor, int WeightGrams, int Stock);

/// <summary>A product's options and variants as the grid edits them; Stock is on hand at the main location.</summary>
public sealed record VariantGridModel(int ProductId, string Currency, IReadOnlyList<OptionSpec> Options, IReadOnlyList<VariantGridRow> Rows);

/// <summary>Options, generated variants and their SKU, barcode, price, weight and stock, saved together or not at all.</summary>
public sealed class VariantGridService(StoreDbContext db, AuditLog audit, CatalogCache cache, InventoryService inventory)
{
    public async Task<VariantGridModel?> GetAsync(int productId, CancellationToken ct = default)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null)
        {
            return null;
        }

        var location = await MainLocationAsync(ct);
        var rows = await db.Variants.AsNoTracking()
            .Where(v => v.ProductId == productId)
            .OrderBy(v => v.Id)
            .Select(v => new VariantGridRow(
                v.Id, v.OptionValues, v.Title, v.Sku, v.Barcode, v.PriceMinor, v.WeightGrams,
                db.Inventory.Where(i => i.VariantId == v.Id && i.LocationId == location).Select(i => i.OnHand).FirstOrDefault()))
            .ToListAsync(ct);
        return new VariantGridModel(productId, product.Currency, product.OptionSpecs(), rows);
    }

    /// <summary>
    /// The grid with a row for every combination of the options' values: existing variants keep their row, new
    /// combinations get a suggested SKU and the price of the cheapest existing variant. Nothing is saved.
    /// </summary>
    public static string? Generate(VariantGridModel grid, IReadOnlyList<OptionSpec> options, string skuBase, out VariantGridModel generated)
    {
        generated = grid;
        if (VariantMatrix.WhyInvalid(options) is { } why)
        {
            return why;
        }

        var price = grid.Rows.Select(r => r.PriceMinor).DefaultIfEmpty(0).Min();
        var weight = grid.Rows.Select(r => r.WeightGrams).DefaultIfEmpty(0).Max();
        var rows = grid.Rows.ToList();
        var combinations = VariantMatrix.Combinations(options).ToList();

        // A product made with one plain variant (the admin's "New product") gives it the first combination unless its
        // title names another: left alone it would stay an option-less "Default" beside the generated variants.
        var lone = rows is [{ OptionValues.Count: 0 } only]
            && !combinations.Any(c => string.Equals(VariantMatrix.Title(c), only.Title, StringComparison.OrdinalIgnoreCase));
        foreach (var combination in combinations)
        {
            if (rows.Any(r => r.OptionValues.SequenceEqual(combination, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }

            // A variant made before the product had options ("S / Black") takes the combination its title names.
            var title = VariantMatrix.Title(combination);
            var legacy = lone ? 0 : rows.FindIndex(r => r.OptionValues.Count == 0 && string.Equals(r.Title, title, StringComparison.OrdinalIgnoreCase));
            lone = false;
            if (legacy >= 0)
            {
                rows[legacy] = rows[legacy] with { OptionValues = combination, Title = title };
                continue;
            }

            var sku = string.Join('-', [skuBase, .. combination.Select(v => Slug.From(v).ToUpperInvariant())]);
            rows.Add(new VariantGridRow(null, combination, VariantMatrix.Title(combination), sku.Length > 64 ? sku[..64] : sku, "", price, weight, 0));
        }

        generated = grid with { Options = options, Rows = rows };
        return null;
    }

    public Task<Result<bool>> SaveAsync(VariantGridModel grid, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => SaveOnceAsync(grid, actor, token), ct);

    private async Task<Result<bool>> SaveOnceAsync(VariantGridModel grid, string actor, CancellationToken ct)
    {
        if (grid.Rows.FirstOrDefault(r => !ValidSku(r.Sku)) is { } badSku)
        {
            return DomainError.Invalid("variant.sku", $"{badSku.Title}: a SKU is 1 to 64 letters, digits, '-' or '_'.");
        }

        if (grid.Rows.FirstOrDefault(r => r.PriceMinor is < 0 or > 100_000_000 || r.WeightGrams is < 0 or > 1_000_000 || r.Stock is < 0 or > 1_000_000 || r.Barcode.Length > 64) is { } bad)
        {
            return DomainError.Invalid("variant.values", $"{bad.Title}: price 0 to 1,000,000.00, weight and stock 0 to 1,000,000, barcode at most 64 characters.");
        }

        var skus = grid.Rows.Select(r => r.Sku.Trim().ToUpperInvariant()).ToList();
        if (skus.Distinct().Count() != skus.Count)
        {
            return DomainError.Invalid("variant.sku", "Each variant needs its own SKU.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var product = await db.Products.Include(p => p.Variants).Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == grid.ProductId, ct);
        if (product is null)
        {
            return DomainError.NotFound("product.unknown", "No such product.");
        }

        if (await db.Variants.AnyAsync(v => v.ProductId != product.Id && skus.Contains(v.Sku), ct))
        {
            return DomainError.Conflict("variant.sku", "Another product already has one of these SKUs.");
        }

        if (product.SetOptions(grid.Options) is { } why)
        {
            return DomainError.Invalid("variant.options", why);
        }

        var location = await MainLocationAsync(ct);
        var stock = new List<(ProductVariant Variant, int Stock, bool IsNew)>();
        foreach (var row in grid.Rows)
        {
            var variant = row.Id is { } id ? product.Variants.FirstOrDefault(v => v.Id == id) : null;
            if (row.Id is not null && variant is null)
            {
                return DomainError.Conflict("variant.unknown", "The variants changed meanwhile; reload the page.");
            }

            try
            {
                variant ??= product.AddVariant(row.Sku, row.OptionValues, row.PriceMinor);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return DomainError.Invalid("variant.options", e.Message);
            }

            if (!variant.OptionValues.SequenceEqual(row.OptionValues))
            {
                try
                {
                    product.AssignOptionValues(variant, row.OptionValues);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    return DomainError.Invalid("variant.options", $"{variant.Sku}: {e.Message}");
                }
            }

            variant.ChangeSku(row.Sku);
            variant.ChangePrice(row.PriceMinor);
            variant.SetWeight(row.WeightGrams);
            variant.SetBarcode(row.Barcode);
            stock.Add((variant, row.Stock, row.Id is null));
        }

        await db.SaveChangesAsync(ct);
        var current = await db.Inventory.Where(i => i.LocationId == location && db.Variants.Any(v => v.Id == i.VariantId && v.ProductId == product.Id)).ToDictionaryAsync(i => i.VariantId, i => i.OnHand, ct);
        foreach (var (variant, units, _) in stock.Where(s => current.GetValueOrDefault(s.Variant.Id, -1) != s.Stock))
        {
            var set = await inventory.SetOnHandAsync(variant.Id, location, units, actor, "Variant grid", ct);
            if (set.Error is { } error)
            {
                return DomainError.Conflict(error.Code, $"{variant.Sku}: {error.Message}");
            }
        }

        audit.Record(actor, "product.variants-saved", "product", product.Id.ToString(), new
        {
            Options = grid.Options.Select(o => $"{o.Name}: {string.Join(", ", o.Values)}"),
            Added = stock.Where(s => s.IsNew).Select(s => s.Variant.Sku),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return true;
    }

    private static bool ValidSku(string sku) =>
        !string.IsNullOrWhiteSpace(sku) && sku.Trim().Length <= 64 && sku.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private Task<int> MainLocationAsync(CancellationToken ct) => db.Locations.Where(l => l.RetiredAt == null).OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync(ct);
}
