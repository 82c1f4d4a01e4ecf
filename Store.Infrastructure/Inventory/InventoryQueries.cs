using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Inventory;

/// <summary>One variant's stock at one location, as the inventory API lists it.</summary>
public sealed record StockLevel(
    int VariantId,
    string Sku,
    int ProductId,
    string ProductName,
    string VariantTitle,
    int LocationId,
    string LocationCode,
    string LocationName,
    int OnHand,
    int Reserved,
    int Available,
    int ReorderPoint,
    int ReorderQuantity,
    bool Low);

/// <summary>A page of stock levels; pass <see cref="NextCursor"/> back as the cursor for the next one.</summary>
public sealed record StockLevelPage(IReadOnlyList<StockLevel> Items, string? NextCursor);

public sealed record StockLevelFilter(int? VariantId, int? LocationId, bool LowOnly);

/// <summary>
/// The read side of stock for integrations: every (variant, location) row, ordered by that pair so a page is an
/// index range after the cursor (the primary key), however deep the client pages.
/// </summary>
public sealed class InventoryQueries(StoreDbContext db)
{
    public const int MaxPageSize = 200;

    public async Task<StockLevelPage> PageAsync(StockLevelFilter filter, StockCursor? after, int take, CancellationToken ct = default)
    {
        var query = db.Inventory.AsNoTracking();
        if (filter.VariantId is { } variantId)
        {
            query = query.Where(i => i.VariantId == variantId);
        }

        if (filter.LocationId is { } locationId)
        {
            query = query.Where(i => i.LocationId == locationId);
        }

        if (filter.LowOnly)
        {
            // Live rather than the low_stock_since flag: the flag is only refreshed when that variant's stock moves.
            query = query.Where(i => i.ReorderPoint > 0 && i.OnHand - i.Reserved < i.ReorderPoint);
        }

        if (after is { } cursor)
        {
            query = query.Where(i => i.VariantId > cursor.VariantId || (i.VariantId == cursor.VariantId && i.LocationId > cursor.LocationId));
        }

        var items = await Project(query.OrderBy(i => i.VariantId).ThenBy(i => i.LocationId).Take(take)).ToListAsync(ct);
        var next = items.Count == take ? new StockCursor(items[^1].VariantId, items[^1].LocationId).ToString() : null;
        return new StockLevelPage(items, next);
    }

    /// <summary>The rows of the given variants at one location, after a change to them.</summary>
    public async Task<IReadOnlyList<StockLevel>> AtAsync(int locationId, IReadOnlyCollection<int> variantIds, CancellationToken ct = default) =>
        await Project(db.Inventory.AsNoTracking()
                .Where(i => i.LocationId == locationId && variantIds.Contains(i.VariantId))
                .OrderBy(i => i.VariantId))
            .ToListAsync(ct);

    /// <summary>What a purchase order brought: its lines' rows at its location.</summary>
    public async Task<IReadOnlyList<StockLevel>> ReceivedByAsync(Guid purchaseOrderId, CancellationToken ct = default)
    {
        var order = await db.PurchaseOrders.AsNoTracking()
            .Where(p => p.Id == purchaseOrderId)
            .Select(p => new { p.LocationId, Variants = p.Lines.Select(l => l.VariantId).ToList() })
            .FirstOrDefaultAsync(ct);
        return order is null ? [] : await AtAsync(order.LocationId, order.Variants, ct);
    }

    private IQueryable<StockLevel> Project(IQueryable<Domain.Inventory.InventoryLevel> levels) =>
        from i in levels
        join v in db.Variants on i.VariantId equals v.Id
        select new StockLevel(
            v.Id,
            v.Sku,
            v.ProductId,
            v.Product.Name,
            v.Title,
            i.LocationId,
            i.Location!.Code,
            i.Location!.Name,
            i.OnHand,
            i.Reserved,
            i.OnHand - i.Reserved,
            i.ReorderPoint,
            i.ReorderQuantity,
            i.ReorderPoint > 0 && i.OnHand - i.Reserved < i.ReorderPoint);
}
