using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Inventory;

/// <summary>One line of the reorder list: a variant at a location, its recent sales and what the planner suggests.</summary>
public sealed record ReorderLine(
    int VariantId,
    string Sku,
    string ProductName,
    int LocationId,
    string LocationName,
    int SupplierId,
    string SupplierName,
    int LeadTimeDays,
    int PackSize,
    int UnitsSold,
    int Available,
    int OnOrder,
    ReorderSuggestion Suggestion);

/// <summary>
/// Reorder suggestions from what actually sold (the sales in the stock ledger over the last
/// <see cref="ReorderPlanner.DefaultWindowDays"/> days) and each supplier's lead time; the rule is
/// <see cref="ReorderPlanner"/>. Only variants with a supplier (their own, or their product's) are planned.
/// </summary>
public sealed class ReorderService(StoreDbContext db, PurchaseOrderService purchaseOrders, IClock clock)
{
    public const string Actor = "system:reorder";

    /// <summary>Every supplied variant at every active location where it is stocked; due ones first.</summary>
    public async Task<IReadOnlyList<ReorderLine>> SuggestAsync(int? variantId = null, CancellationToken ct = default)
    {
        var since = clock.UtcNow.AddDays(-ReorderPlanner.DefaultWindowDays);
        var query = db.Inventory.AsNoTracking().Where(i => i.Location!.RetiredAt == null);
        if (variantId is not null)
        {
            query = query.Where(i => i.VariantId == variantId);
        }

        var rows = await query
            .Join(db.Variants, i => i.VariantId, v => v.Id, (i, v) => new { i, v, SupplierId = v.SupplierId ?? v.Product.SupplierId })
            .Where(x => x.SupplierId != null)
            .Join(db.Suppliers, x => x.SupplierId, s => s.Id, (x, s) => new
            {
                x.v.Id,
                x.v.Sku,
                x.v.Product.Name,
                x.i.LocationId,
                Location = x.i.Location!.Name,
                SupplierId = s.Id,
                Supplier = s.Name,
                s.LeadTimeDays,
                x.v.PackSize,
                Available = x.i.OnHand - x.i.Reserved,
                Sold = -db.StockMovements
                    .Where(m => m.VariantId == x.v.Id && m.LocationId == x.i.LocationId && m.Kind == MovementKind.Sale && m.At >= since)
                    .Sum(m => m.OnHandDelta),
                OnOrder = db.PurchaseOrders
                    .Where(p => p.LocationId == x.i.LocationId && (p.Status == PurchaseOrderStatus.Draft || p.Status == PurchaseOrderStatus.Sent))
                    .SelectMany(p => p.Lines)
                    .Where(l => l.VariantId == x.v.Id)
                    .Sum(l => l.Quantity),
            })
            .Take(2000)
            .ToListAsync(ct);

        return [.. rows
            .Select(r => new ReorderLine(
                r.Id, r.Sku, r.Name, r.LocationId, r.Location, r.SupplierId, r.Supplier, r.LeadTimeDays, r.PackSize, r.Sold, r.Available, r.OnOrder,
                ReorderPlanner.Suggest(r.Sold, ReorderPlanner.DefaultWindowDays, r.LeadTimeDays, ReorderPlanner.DefaultReviewDays, r.Available, r.OnOrder, r.PackSize).Value))
            .OrderByDescending(r => r.Suggestion.IsDue)
            .ThenByDescending(r => r.Suggestion.UnitsPerDay)
            .ThenBy(r => r.Sku)];
    }

    /// <summary>Adds every due suggestion to its supplier's draft purchase order for that location; returns the lines added.</summary>
    public async Task<Result<int>> DraftDueAsync(string actor, CancellationToken ct = default)
    {
        var added = 0;
        foreach (var line in (await SuggestAsync(null, ct)).Where(l => l.Suggestion.IsDue))
        {
            var drafted = await purchaseOrders.AddToDraftAsync(line.SupplierId, line.LocationId, line.VariantId, line.Suggestion.Quantity, actor, ct);
            if (!drafted.IsSuccess)
            {
                return drafted.Error!;
            }

            added++;
        }

        return added;
    }
}
