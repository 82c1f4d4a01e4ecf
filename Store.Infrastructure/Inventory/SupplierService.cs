using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Catalog.Import;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Inventory;

public sealed record SupplierInput(string? Name, string? Email, string? ContactName, string? Phone, int LeadTimeDays, string? Terms);

public sealed record SupplierDetails(int Id, string Name, string Email, string? ContactName, string? Phone, int LeadTimeDays, string? Terms, int Variants);

/// <summary>How one variant is bought: from whom, under which code, at what cost and in what packs.</summary>
public sealed record VariantSourcing(int VariantId, string Sku, string ProductName, string VariantTitle, int? SupplierId, string? SupplierName, string? SupplierSku, long? CostMinor, string Currency, int PackSize);

/// <summary>Suppliers and each variant's sourcing (supplier, supplier SKU, cost, pack size). Every change is audited.</summary>
public sealed class SupplierService(StoreDbContext db, AuditLog audit)
{
    public async Task<IReadOnlyList<SupplierDetails>> ListAsync(CancellationToken ct = default) =>
        await db.Suppliers.AsNoTracking()
            .OrderBy(s => s.Name)
            .Select(s => new SupplierDetails(s.Id, s.Name, s.Email, s.ContactName, s.Phone, s.LeadTimeDays, s.Terms, db.Variants.Count(v => v.SupplierId == s.Id)))
            .ToListAsync(ct);

    public async Task<Result<int>> CreateAsync(SupplierInput input, string actor, CancellationToken ct = default)
    {
        var supplier = Supplier.Create(input.Name, input.Email, input.ContactName, input.Phone, input.LeadTimeDays, input.Terms);
        if (!supplier.IsSuccess)
        {
            return supplier.Error!;
        }

        if (await db.Suppliers.AnyAsync(s => s.Name == supplier.Value.Name, ct))
        {
            return DomainError.Conflict("supplier.name-taken", $"A supplier named {supplier.Value.Name} already exists.");
        }

        db.Suppliers.Add(supplier.Value);
        await db.SaveChangesAsync(ct);
        audit.Record(actor, "supplier.created", "supplier", Id(supplier.Value.Id), Snapshot(supplier.Value));
        await db.SaveChangesAsync(ct);
        return supplier.Value.Id;
    }

    public async Task<Result<bool>> UpdateAsync(int id, SupplierInput input, string actor, CancellationToken ct = default)
    {
        var supplier = await db.Suppliers.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (supplier is null)
        {
            return DomainError.NotFound("supplier.unknown", "No such supplier.");
        }

        var before = Snapshot(supplier);
        var updated = supplier.Update(input.Name, input.Email, input.ContactName, input.Phone, input.LeadTimeDays, input.Terms);
        if (!updated.IsSuccess)
        {
            return updated.Error!;
        }

        audit.Record(actor, "supplier.updated", "supplier", Id(id), new { Before = before, After = Snapshot(supplier) });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Variants by SKU or product name, with their sourcing; at most 200.</summary>
    public async Task<IReadOnlyList<VariantSourcing>> SourcingAsync(string? search, CancellationToken ct = default)
    {
        var query = db.Variants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim()}%";
            query = query.Where(v => EF.Functions.ILike(v.Sku, pattern) || EF.Functions.ILike(v.Product.Name, pattern));
        }

        return await query
            .OrderBy(v => v.Product.Name).ThenBy(v => v.Id)
            .Take(200)
            .Select(v => new VariantSourcing(
                v.Id, v.Sku, v.Product.Name, v.Title, v.SupplierId ?? v.Product.SupplierId,
                db.Suppliers.Where(s => s.Id == (v.SupplierId ?? v.Product.SupplierId)).Select(s => s.Name).FirstOrDefault(),
                v.SupplierSku, v.CostMinor, v.Product.Currency, v.PackSize))
            .ToListAsync(ct);
    }

    /// <summary>Sets who supplies a variant and on what terms; <paramref name="cost"/> is in the product's currency with a dot ("12.50"), empty when unknown.</summary>
    public async Task<Result<bool>> SetSourcingAsync(int variantId, int? supplierId, string? supplierSku, string? cost, int packSize, string actor, CancellationToken ct = default)
    {
        var variant = await db.Variants.Include(v => v.Product).FirstOrDefaultAsync(v => v.Id == variantId, ct);
        if (variant is null)
        {
            return DomainError.NotFound("variant.unknown", "No such variant.");
        }

        long? costMinor = null;
        if (!string.IsNullOrWhiteSpace(cost))
        {
            if (!ProductCsv.TryParsePrice(cost.Trim(), variant.Product.Currency, out var parsed))
            {
                return DomainError.Invalid("variant.cost", $"Write the cost in {variant.Product.Currency} with a dot, such as 12.50.");
            }

            costMinor = parsed;
        }

        if (supplierId is not null && !await db.Suppliers.AnyAsync(s => s.Id == supplierId, ct))
        {
            return DomainError.NotFound("supplier.unknown", "No such supplier.");
        }

        var before = new { variant.SupplierId, variant.SupplierSku, variant.CostMinor, variant.PackSize };
        var set = variant.SetSourcing(supplierId, supplierSku, costMinor, packSize);
        if (!set.IsSuccess)
        {
            return set.Error!;
        }

        audit.Record(actor, "variant.sourcing", "variant", Id(variantId), new { variant.Sku, Before = before, After = new { variant.SupplierId, variant.SupplierSku, variant.CostMinor, variant.PackSize } });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static object Snapshot(Supplier s) => new { s.Name, s.Email, s.ContactName, s.Phone, s.LeadTimeDays, s.Terms };
}
