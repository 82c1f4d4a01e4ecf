using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Inventory;

public sealed record PurchaseOrderSummary(Guid Id, long Number, string Supplier, string Location, PurchaseOrderStatus Status, int Lines, int Units, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record PurchaseOrderLineView(int VariantId, string Sku, string ProductName, int Quantity);

/// <summary>Purchase orders: drafted by hand or by a low-stock alert, sent, and received into stock through the ledger.</summary>
public sealed class PurchaseOrderService(StoreDbContext db, InventoryService inventory, AuditLog audit, IClock clock)
{
    /// <summary>Adds units to the supplier's open draft for that location, creating the draft if there is none.</summary>
    public Task<Result<Guid>> AddToDraftAsync(int supplierId, int locationId, int variantId, int quantity, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => AddToDraftOnceAsync(supplierId, locationId, variantId, quantity, actor, token), ct);

    private async Task<Result<Guid>> AddToDraftOnceAsync(int supplierId, int locationId, int variantId, int quantity, string actor, CancellationToken ct)
    {
        await using var tx = await OwnedTransaction.BeginAsync(db.Database, ct);

        // One draft per supplier and location, even when several alerts arrive at once.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('po-draft'), {supplierId * 1000 + locationId})", ct);
        var draft = await db.PurchaseOrders.Include(p => p.Lines)
            .FirstOrDefaultAsync(p => p.SupplierId == supplierId && p.LocationId == locationId && p.Status == PurchaseOrderStatus.Draft, ct);
        if (draft is null)
        {
            if (!await db.Suppliers.AnyAsync(s => s.Id == supplierId, ct) || !await db.Locations.AnyAsync(l => l.Id == locationId && l.RetiredAt == null, ct))
            {
                return DomainError.NotFound("po.unknown", "No such supplier or active location.");
            }

            var number = await db.Database.SqlQuery<long>($"SELECT nextval('purchase_order_numbers') AS \"Value\"").SingleAsync(ct);
            draft = new PurchaseOrder(Guid.NewGuid(), number, supplierId, locationId, actor, clock.UtcNow);
            db.PurchaseOrders.Add(draft);
        }

        var added = draft.AddLine(variantId, quantity);
        if (!added.IsSuccess)
        {
            return added.Error!;
        }

        audit.Record(actor, "purchase-order.line-added", "purchase-order", draft.Id.ToString(), new { draft.Number, VariantId = variantId, Quantity = quantity });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return draft.Id;
    }

    /// <summary>Staff adding a line by SKU to the supplier's draft for a location.</summary>
    public async Task<Result<Guid>> AddToDraftBySkuAsync(int supplierId, int locationId, string? sku, int quantity, string actor, CancellationToken ct = default)
    {
        var normalized = (sku ?? "").Trim().ToUpperInvariant();
        var variantId = await db.Variants.Where(v => v.Sku == normalized).Select(v => (int?)v.Id).FirstOrDefaultAsync(ct);
        return variantId is null
            ? DomainError.NotFound("po.sku", $"No variant has the SKU '{sku}'.")
            : await AddToDraftAsync(supplierId, locationId, variantId.Value, quantity, actor, ct);
    }

    public async Task<IReadOnlyList<(int Id, string Name)>> SuppliersAsync(CancellationToken ct = default) =>
        (await db.Suppliers.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();

    /// <summary>True when an open (draft or sent) purchase order already brings this variant to this location.</summary>
    public async Task<bool> IsOnOrderAsync(int variantId, int locationId, CancellationToken ct = default) =>
        await db.PurchaseOrders.AnyAsync(
            p => p.LocationId == locationId && (p.Status == PurchaseOrderStatus.Draft || p.Status == PurchaseOrderStatus.Sent) && p.Lines.Any(l => l.VariantId == variantId),
            ct);

    public Task<Result<bool>> SendAsync(Guid id, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "purchase-order.sent", (po, now) => Task.FromResult(po.Send(now)), ct);

    public Task<Result<bool>> CancelAsync(Guid id, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "purchase-order.cancelled", (po, _) => Task.FromResult(po.Cancel()), ct);

    /// <summary>Everything ordered arrives: each line becomes a receipt in the stock ledger. Once only, even if clicked twice.</summary>
    public Task<Result<bool>> ReceiveAsync(Guid id, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "purchase-order.received", async (po, now) =>
        {
            var received = po.MarkReceived(now);
            if (!received.IsSuccess)
            {
                return received;
            }

            foreach (var line in po.Lines)
            {
                var added = await inventory.ReceiveAsync(line.VariantId, po.LocationId, line.Quantity, actor, $"Purchase order {po.Number}", ct);
                if (!added.IsSuccess)
                {
                    return added;
                }
            }

            return received;
        }, ct);

    public async Task<IReadOnlyList<PurchaseOrderSummary>> ListAsync(CancellationToken ct = default) =>
        await db.PurchaseOrders.AsNoTracking()
            .OrderByDescending(p => p.CreatedAt)
            .Take(200)
            .Select(p => new PurchaseOrderSummary(
                p.Id,
                p.Number,
                db.Suppliers.Where(s => s.Id == p.SupplierId).Select(s => s.Name).First(),
                db.Locations.Where(l => l.Id == p.LocationId).Select(l => l.Name).First(),
                p.Status,
                p.Lines.Count,
                p.Lines.Sum(l => l.Quantity),
                p.CreatedAt,
                p.CreatedBy))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<PurchaseOrderLineView>> LinesAsync(Guid id, CancellationToken ct = default) =>
        await db.PurchaseOrders.AsNoTracking()
            .Where(p => p.Id == id)
            .SelectMany(p => p.Lines)
            .Join(db.Variants, l => l.VariantId, v => v.Id, (l, v) => new PurchaseOrderLineView(v.Id, v.Sku, v.Product.Name, l.Quantity))
            .ToListAsync(ct);

    private Task<Result<bool>> ChangeAsync(Guid id, string actor, string action, Func<PurchaseOrder, DateTimeOffset, Task<Result<bool>>> change, CancellationToken ct) =>
        db.RetriableAsync(token => ChangeOnceAsync(id, actor, action, change, token), ct);

    private async Task<Result<bool>> ChangeOnceAsync(Guid id, string actor, string action, Func<PurchaseOrder, DateTimeOffset, Task<Result<bool>>> change, CancellationToken ct)
    {
        await using var tx = await OwnedTransaction.BeginAsync(db.Database, ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM purchase_orders WHERE id = {id} FOR UPDATE", ct);
        var po = await db.PurchaseOrders.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (po is null)
        {
            return DomainError.NotFound("po.unknown", "No such purchase order.");
        }

        var before = po.Status;
        var result = await change(po, clock.UtcNow);
        if (!result.IsSuccess)
        {
            await tx.RollbackAsync(ct);
            return result;
        }

        audit.Record(actor, action, "purchase-order", po.Id.ToString(), new { po.Number, Before = before.ToString(), After = po.Status.ToString() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
