using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;

namespace Store.Infrastructure.Catalog.Import;

/// <summary>
/// CSV export and import of products and variants. An import is planned first (the preview: lines to add,
/// change, reject) and applied only when no line is rejected, all in one transaction: the plan is made again
/// inside it, under a lock, so what is applied is what the catalog looks like at that moment.
/// </summary>
public sealed class ProductImportService(StoreDbContext db, AuditLog audit, IClock clock, CatalogCache cache, InventoryService inventory, BrandService brands, MoneyFormatter money)
{
    public async Task<string> ExportAsync(CancellationToken ct = default)
    {
        var location = await db.Locations.Where(l => l.RetiredAt == null).OrderBy(l => l.Priority).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
        var products = await db.Products.AsNoTracking()
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Slug,
                p.Name,
                p.IsPublished,
                Category = p.Category!.Slug,
                p.Brand,
                p.Description,
                p.SeoTitle,
                p.SeoDescription,
                Options = p.Options.OrderBy(o => o.Position).Select(o => o.Name).ToList(),
                Variants = p.Variants.OrderBy(v => v.Id).Select(v => new
                {
                    v.Sku,
                    v.OptionValues,
                    v.Barcode,
                    v.PriceMinor,
                    v.WeightGrams,
                    Stock = db.Inventory.Where(i => i.VariantId == v.Id && i.LocationId == location).Select(i => (int?)i.OnHand).FirstOrDefault() ?? 0,
                }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return ProductCsv.Write(products.SelectMany(p => p.Variants.Select(v => new ProductCsvRow(
            0, p.Slug, p.Name, p.IsPublished, p.Category, p.Brand, p.Description, p.SeoTitle, p.SeoDescription, v.Sku,
            [.. p.Options.Zip(v.OptionValues, (n, value) => (n, value))], v.Barcode, v.PriceMinor, v.WeightGrams, v.Stock))), money.Currency);
    }

    public async Task<ImportPlan> PreviewAsync(string csv, CancellationToken ct = default) => (await PlanAsync(csv, ct)).Plan;

    public Task<ImportResult> ApplyAsync(string csv, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => ApplyOnceAsync(csv, actor, token), ct);

    private async Task<ImportResult> ApplyOnceAsync(string csv, string actor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Two imports at once would each plan against a catalog the other is changing.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('product-import'))", ct);
        var (plan, groups) = await PlanAsync(csv, ct);
        if (!plan.CanApply)
        {
            return new ImportResult(false, plan);
        }

        if (!plan.HasChanges)
        {
            return new ImportResult(true, plan);
        }

        var now = clock.UtcNow;
        var slugs = groups.Select(g => g.Slug).ToList();
        var products = await db.Products.Include(p => p.Variants).Include(p => p.Options).Where(p => slugs.Contains(p.Slug)).AsSplitQuery().ToDictionaryAsync(p => p.Slug, ct);
        var categories = await db.Categories.ToDictionaryAsync(c => c.Slug, c => c.Id, ct);
        var newVariants = new List<(ProductVariant Variant, int Stock)>();
        foreach (var group in groups)
        {
            var first = group.Rows[0];
            var brand = await brands.FindOrCreateAsync(first.Brand, actor, ct);
            if (!products.TryGetValue(group.Slug, out var product))
            {
                product = new Product(first.Name, group.Slug, first.Description, brand, categories[first.CategorySlug], money.Currency, now);
                db.Products.Add(product);
            }

            var before = Fingerprint(product);
            product.Rename(first.Name, first.Description);
            product.SetBrand(brand);
            product.MoveTo(categories[first.CategorySlug]);
            product.SetPublished(first.Published);
            product.SetSeo(group.Slug, first.SeoTitle, first.SeoDescription);
            if (product.SetOptions(group.Options) is { } why)
            {
                throw new InvalidOperationException($"The plan let through options the product refuses: {why}");
            }

            foreach (var row in group.Rows)
            {
                var variant = product.Variants.FirstOrDefault(v => v.Sku == row.Sku);
                if (variant is null)
                {
                    variant = row.Options.Count == 0
                        ? product.AddVariant(row.Sku, "Default", null, null, row.PriceMinor)
                        : product.AddVariant(row.Sku, row.OptionValues, row.PriceMinor);
                    newVariants.Add((variant, row.Stock ?? 0));
                }
                else if (!variant.OptionValues.SequenceEqual(row.OptionValues))
                {
                    product.AssignOptionValues(variant, row.OptionValues);
                }

                variant.ChangePrice(row.PriceMinor);
                variant.SetWeight(row.WeightGrams);
                variant.SetBarcode(row.Barcode);
            }

            if (product.Id == 0 || before != Fingerprint(product) || db.Entry(product).State != EntityState.Unchanged)
            {
                product.Touch(now);
            }
        }

        await db.SaveChangesAsync(ct);
        var location = await db.Locations.Where(l => l.RetiredAt == null).OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync(ct);
        foreach (var (variant, stock) in newVariants)
        {
            if (stock > 0)
            {
                await inventory.ReceiveAsync(variant.Id, location, stock, actor, "CSV import", ct);
            }
            else
            {
                db.Inventory.Add(new InventoryLevel(variant.Id, location, 0));
            }
        }

        audit.Record(actor, "products.imported", "product", "csv", new { Added = plan.Added.Count, Changed = plan.Changed.Count, plan.NewBrands });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return new ImportResult(true, plan);
    }

    private static string Fingerprint(Product p) => string.Join('|', p.Name, p.Description, p.BrandId, p.CategoryId, p.IsPublished, p.SeoTitle, p.SeoDescription);

    private sealed record ProductGroup(string Slug, List<ProductCsvRow> Rows, IReadOnlyList<OptionSpec> Options);

    private async Task<(ImportPlan Plan, List<ProductGroup> Groups)> PlanAsync(string csv, CancellationToken ct)
    {
        var (rows, rejected, fileError) = ProductCsv.Read(csv, money.Currency);
        if (fileError is not null)
        {
            return (new ImportPlan([], [], 0, rejected, [], [], fileError), []);
        }

        var skus = rows.Select(r => r.Sku).Distinct().ToList();
        var slugs = rows.Select(r => r.Slug).Distinct().ToList();
        var categories = await db.Categories.AsNoTracking().Select(c => c.Slug).ToListAsync(ct);
        var brandNames = await db.Brands.AsNoTracking().Select(b => b.Name).ToListAsync(ct);
        var owners = await db.Variants.AsNoTracking().Where(v => skus.Contains(v.Sku)).Select(v => new { v.Sku, v.Product.Slug }).ToDictionaryAsync(v => v.Sku, v => v.Slug, ct);
        var existing = await db.Products.AsNoTracking()
            .Where(p => slugs.Contains(p.Slug))
            .Select(p => new
            {
                p.Slug,
                p.Name,
                p.Description,
                p.Brand,
                Category = p.Category!.Slug,
                p.IsPublished,
                p.SeoTitle,
                p.SeoDescription,
                Options = p.Options.OrderBy(o => o.Position).Select(o => new { o.Name, o.Values }).ToList(),
                Variants = p.Variants.Select(v => new { v.Sku, v.OptionValues, v.PriceMinor, v.WeightGrams, v.Barcode }).ToList(),
            })
            .AsSplitQuery()
            .ToDictionaryAsync(p => p.Slug, ct);

        var firstLineOfSku = new Dictionary<string, int>();
        var groups = new List<ProductGroup>();
        var reject = (ProductCsvRow r, string reason) => rejected.Add(new ImportRejection(r.Line, r.Sku, reason));
        foreach (var bySlug in rows.GroupBy(r => r.Slug))
        {
            var first = bySlug.First();
            var current = existing.GetValueOrDefault(bySlug.Key);
            var accepted = new List<ProductCsvRow>();
            foreach (var row in bySlug)
            {
                if (firstLineOfSku.TryGetValue(row.Sku, out var earlier))
                {
                    reject(row, $"The SKU {row.Sku} is already on line {earlier}.");
                    continue;
                }

                firstLineOfSku[row.Sku] = row.Line;
                if (!categories.Contains(row.CategorySlug))
                {
                    reject(row, $"Unknown category '{row.CategorySlug}' (use a category's slug).");
                }
                else if (!Equals(row.ProductFields, first.ProductFields))
                {
                    reject(row, $"The product columns differ from line {first.Line} of the same product ({row.Slug}).");
                }
                else if (owners.TryGetValue(row.Sku, out var owner) && owner != row.Slug)
                {
                    reject(row, $"The SKU {row.Sku} belongs to the product {owner}.");
                }
                else if (!row.OptionNames.SequenceEqual(first.OptionNames, StringComparer.OrdinalIgnoreCase))
                {
                    reject(row, $"The option names differ from line {first.Line} of the same product.");
                }
                else if (accepted.FirstOrDefault(a => a.OptionValues.SequenceEqual(row.OptionValues)) is { } twin && row.Options.Count > 0)
                {
                    reject(row, $"Line {twin.Line} has the same option values for this product.");
                }
                else
                {
                    accepted.Add(row);
                }
            }

            if (accepted.Count == 0)
            {
                continue;
            }

            // The product's options: those it has, with the values the file adds after them.
            var names = current?.Options.Select(o => o.Name).ToList() ?? [];
            var fileNames = first.OptionNames;
            var stillUsed = current?.Variants.Where(v => v.OptionValues.Count > 0 && !accepted.Any(a => a.Sku == v.Sku)).ToList() ?? [];
            if (names.Count > 0 && fileNames.Count > 0 && !names.SequenceEqual(fileNames, StringComparer.OrdinalIgnoreCase))
            {
                accepted.ForEach(r => reject(r, $"The product's options are {string.Join(", ", names)}; the file names {string.Join(", ", fileNames)}."));
                continue;
            }

            var optionNames = fileNames.Count > 0 ? fileNames : names;
            var specs = optionNames.Select((name, i) => new OptionSpec(
                names.ElementAtOrDefault(i) ?? name,
                [.. (current?.Options.ElementAtOrDefault(i)?.Values ?? []).Concat(accepted.Select(r => r.Options.ElementAtOrDefault(i).Value ?? "")).Where(v => v.Length > 0).Distinct()])).ToList();
            var why = VariantMatrix.WhyInvalid(specs)
                ?? (fileNames.Count == 0 && names.Count > 0 && accepted.Any(a => current!.Variants.All(v => v.Sku != a.Sku)) ? $"The product has the options {string.Join(", ", names)}: give each new variant its values." : null)
                ?? (stillUsed.Any(v => accepted.Any(a => a.Options.Count > 0 && a.OptionValues.SequenceEqual(v.OptionValues))) ? "A variant not in the file already has these option values." : null);
            if (why is not null)
            {
                accepted.ForEach(r => reject(r, why));
                continue;
            }

            groups.Add(new ProductGroup(bySlug.Key, accepted, specs));
        }

        var added = new List<ImportChange>();
        var changed = new List<ImportChange>();
        var unchanged = 0;
        var notes = new List<string>();
        var stock = await StockAsync([.. groups.SelectMany(g => g.Rows).Where(r => r.Stock is not null).Select(r => r.Sku)], ct);
        foreach (var group in groups)
        {
            var first = group.Rows[0];
            var current = existing.GetValueOrDefault(group.Slug);
            var productChanges = current is null ? [] : new[]
            {
                current.Name != first.Name ? "name" : null,
                current.Description != first.Description ? "description" : null,
                !string.Equals(current.Brand, first.Brand, StringComparison.OrdinalIgnoreCase) ? "brand" : null,
                current.Category != first.CategorySlug ? "category" : null,
                current.IsPublished != first.Published ? (first.Published ? "published" : "made a draft") : null,
                current.SeoTitle != first.SeoTitle || current.SeoDescription != first.SeoDescription ? "SEO" : null,
                !current.Options.Select(o => (o.Name, string.Join(",", o.Values))).SequenceEqual(group.Options.Select(o => (o.Name, string.Join(",", o.Values)))) ? "options" : null,
            }.OfType<string>().ToList();
            foreach (var row in group.Rows)
            {
                var variant = current?.Variants.FirstOrDefault(v => v.Sku == row.Sku);
                if (variant is null)
                {
                    added.Add(new ImportChange(row.Line, row.Sku, first.Name, current is null && row == first ? "new product" : "new variant"));
                    continue;
                }

                var what = (row == first ? productChanges : []).Concat(new[]
                {
                    variant.PriceMinor != row.PriceMinor ? $"price {ProductCsv.FormatPrice(variant.PriceMinor, money.Currency)} → {ProductCsv.FormatPrice(row.PriceMinor, money.Currency)}" : null,
                    variant.WeightGrams != row.WeightGrams ? "weight" : null,
                    variant.Barcode != row.Barcode ? "barcode" : null,
                    !variant.OptionValues.SequenceEqual(row.OptionValues) ? "option values" : null,
                }.OfType<string>()).ToList();
                if (what.Count == 0)
                {
                    unchanged++;
                }
                else
                {
                    changed.Add(new ImportChange(row.Line, row.Sku, first.Name, string.Join(", ", what)));
                }

                if (row.Stock is { } units && stock.GetValueOrDefault(row.Sku) != units)
                {
                    notes.Add($"Line {row.Line}: stock {units} for {row.Sku} is not applied (stock of existing variants is counted in the Inventory panel).");
                }
            }
        }

        var newBrands = groups.Select(g => g.Rows[0].Brand).Where(b => b.Length > 0 && !brandNames.Contains(b, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return (new ImportPlan(added, changed, unchanged, [.. rejected.OrderBy(r => r.Line)], newBrands, notes, null), groups);
    }

    private async Task<Dictionary<string, int>> StockAsync(List<string> skus, CancellationToken ct)
    {
        if (skus.Count == 0)
        {
            return [];
        }

        var location = await db.Locations.Where(l => l.RetiredAt == null).OrderBy(l => l.Priority).Select(l => l.Id).FirstAsync(ct);
        return await db.Variants.AsNoTracking()
            .Where(v => skus.Contains(v.Sku))
            .Select(v => new { v.Sku, OnHand = db.Inventory.Where(i => i.VariantId == v.Id && i.LocationId == location).Select(i => (int?)i.OnHand).FirstOrDefault() ?? 0 })
            .ToDictionaryAsync(v => v.Sku, v => v.OnHand, ct);
    }
}
