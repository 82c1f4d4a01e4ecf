using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Inventory;

/// <summary>
/// Stock changes. Every change is one conditional UPDATE (… WHERE on_hand - reserved >= n), so concurrent buyers
/// can never take a unit twice, plus a line in the stock ledger. Methods that take part in a bigger change
/// (checkout, payment) run in the caller's transaction; staff actions open their own.
/// </summary>
public sealed class InventoryService(StoreDbContext db, AuditLog audit, Outbox.Outbox outbox, IClock clock, CatalogCache cache, IOptions<ShopOptions> options)
{
    private TimeSpan ReservationLifetime => TimeSpan.FromMinutes(options.Value.ReservationMinutes);

    /// <summary>
    /// Holds stock for an order's lines, taking from locations by priority, then by most available.
    /// Must run inside the caller's transaction: on failure the caller rolls back what was already held.
    /// </summary>
    /// <returns>The units of each variant that were backordered (the product allows it) instead of reserved.</returns>
    public async Task<Result<IReadOnlyDictionary<int, int>>> ReserveAsync(Guid orderId, IReadOnlyCollection<(int VariantId, int Quantity, string Sku, bool AllowBackorders)> lines, string actor, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var backordered = new Dictionary<int, int>();
        foreach (var (variantId, quantity, sku, allowBackorders) in lines)
        {
            var needed = quantity;

            // Usually the first location (by priority, then most available) holds the whole line: choosing it and
            // taking the units is then one statement. Its guard is the loop's, so a concurrent buyer who got there
            // first makes it take nothing, and the loop below then splits the line across locations as before.
            var whole = await db.Database.SqlQuery<int>($"""
                UPDATE inventory SET reserved = reserved + {quantity}
                WHERE variant_id = {variantId} AND on_hand - reserved >= {quantity}
                  AND location_id = (
                    SELECT i.location_id FROM inventory i JOIN locations l ON l.id = i.location_id
                    WHERE i.variant_id = {variantId} AND i.on_hand - i.reserved > 0
                    ORDER BY l.priority, i.on_hand - i.reserved DESC
                    LIMIT 1)
                RETURNING location_id AS "Value"
                """).ToListAsync(ct);
            if (whole.Count == 1)
            {
                db.StockReservations.Add(new StockReservation(orderId, variantId, whole[0], quantity, now, now + ReservationLifetime));
                db.StockMovements.Add(new StockMovement(variantId, whole[0], MovementKind.Reservation, 0, quantity, orderId, actor, null, now));
                needed = 0;
            }

            // A few rounds: a location read as available may be taken by a concurrent buyer before our update.
            for (var round = 0; round < 5 && needed > 0; round++)
            {
                var candidates = await db.Inventory.AsNoTracking()
                    .Where(i => i.VariantId == variantId && i.OnHand - i.Reserved > 0)
                    .OrderBy(i => i.Location!.Priority).ThenByDescending(i => i.OnHand - i.Reserved)
                    .Select(i => new { i.LocationId, Available = i.OnHand - i.Reserved })
                    .ToListAsync(ct);
                if (candidates.Count == 0)
                {
                    break;
                }

                foreach (var candidate in candidates)
                {
                    var take = Math.Min(needed, candidate.Available);
                    var locationId = candidate.LocationId;
                    var updated = await db.Inventory
                        .Where(i => i.VariantId == variantId && i.LocationId == locationId && i.OnHand - i.Reserved >= take)
                        .ExecuteUpdateAsync(s => s.SetProperty(i => i.Reserved, i => i.Reserved + take), ct);
                    if (updated == 1)
                    {
                        db.StockReservations.Add(new StockReservation(orderId, variantId, locationId, take, now, now + ReservationLifetime));
                        db.StockMovements.Add(new StockMovement(variantId, locationId, MovementKind.Reservation, 0, take, orderId, actor, null, now));
                        needed -= take;
                        if (needed == 0)
                        {
                            break;
                        }
                    }
                }
            }

            if (needed > 0 && allowBackorders)
            {
                backordered[variantId] = needed;
            }
            else if (needed > 0)
            {
                return DomainError.Conflict("stock.insufficient", $"Not enough stock of {sku}: {quantity - needed} of {quantity} available.");
            }

            await TrackLowStockAsync(variantId, ct);
        }

        return backordered;
    }

    /// <summary>Keeps an order's stock while a payment waits on the shopper. In the caller's transaction.</summary>
    public Task ExtendReservationsAsync(Guid orderId, CancellationToken ct) => ExtendReservationsAsync(orderId, null, ct);

    /// <summary>Keeps an order's stock for the usual lifetime, or until <paramref name="atLeastUntil"/> if later (a provider's page still open, money held).</summary>
    public async Task ExtendReservationsAsync(Guid orderId, DateTimeOffset? atLeastUntil, CancellationToken ct)
    {
        var until = clock.UtcNow + ReservationLifetime;
        if (atLeastUntil > until)
        {
            until = atLeastUntil.Value;
        }

        // One statement, not a read and an update per line; never shortens a hold (as StockReservation.ExtendTo).
        await db.StockReservations
            .Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Active && r.ExpiresAt < until)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ExpiresAt, until), ct);
    }

    /// <summary>Turns an order's held stock into a sale: on hand and reserved both go down. Idempotent.</summary>
    public async Task CommitAsync(Guid orderId, string actor, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var reservations = await db.StockReservations
            .Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Active)
            .ToListAsync(ct);
        foreach (var r in reservations)
        {
            var updated = await db.Inventory
                .Where(i => i.VariantId == r.VariantId && i.LocationId == r.LocationId && i.Reserved >= r.Quantity)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.OnHand, i => i.OnHand - r.Quantity)
                    .SetProperty(i => i.Reserved, i => i.Reserved - r.Quantity), ct);
            if (updated != 1)
            {
                throw new InvalidOperationException($"Reservation {r.Id} no longer matches the stock it holds.");
            }

            r.MarkCommitted();
            db.StockMovements.Add(new StockMovement(r.VariantId, r.LocationId, MovementKind.Sale, -r.Quantity, -r.Quantity, orderId, actor, null, now));
        }
    }

    /// <summary>Gives an order's held stock back. Idempotent.</summary>
    public async Task ReleaseAsync(Guid orderId, string actor, string reason, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var reservations = await db.StockReservations
            .Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Active)
            .ToListAsync(ct);
        foreach (var r in reservations)
        {
            var updated = await db.Inventory
                .Where(i => i.VariantId == r.VariantId && i.LocationId == r.LocationId && i.Reserved >= r.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Reserved, i => i.Reserved - r.Quantity), ct);
            if (updated != 1)
            {
                throw new InvalidOperationException($"Reservation {r.Id} no longer matches the stock it holds.");
            }

            r.MarkReleased();
            db.StockMovements.Add(new StockMovement(r.VariantId, r.LocationId, MovementKind.Release, 0, -r.Quantity, orderId, actor, reason, now));
            await TrackLowStockAsync(r.VariantId, ct);
        }
    }

    /// <summary>Puts an order's sold units back on the shelves they came from (a return). Idempotent per order.</summary>
    public async Task RestockReturnAsync(Guid orderId, string actor, string reason, CancellationToken ct)
    {
        if (await db.StockMovements.AnyAsync(m => m.OrderId == orderId && m.Kind == MovementKind.Return, ct))
        {
            return;
        }

        var now = clock.UtcNow;
        var sold = await db.StockReservations.AsNoTracking()
            .Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Committed)
            .ToListAsync(ct);
        foreach (var r in sold)
        {
            await db.Inventory
                .Where(i => i.VariantId == r.VariantId && i.LocationId == r.LocationId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHand, i => i.OnHand + r.Quantity), ct);
            db.StockMovements.Add(new StockMovement(r.VariantId, r.LocationId, MovementKind.Return, r.Quantity, 0, orderId, actor, reason, now));
            await TrackLowStockAsync(r.VariantId, ct);
        }
    }

    /// <summary>Staff correction of a count: sets on hand to what was counted, never below what is reserved. Joins the caller's transaction if there is one.</summary>
    public Task<Result<StockLevelRow>> SetOnHandAsync(int variantId, int locationId, int onHand, string actor, string reason, CancellationToken ct = default) =>
        db.RetriableAsync(token => SetOnHandOnceAsync(variantId, locationId, onHand, actor, reason, token), ct);

    private async Task<Result<StockLevelRow>> SetOnHandOnceAsync(int variantId, int locationId, int onHand, string actor, string reason, CancellationToken ct)
    {
        if (onHand < 0)
        {
            return DomainError.Invalid("stock.negative", "Stock on hand cannot be negative.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DomainError.Invalid("stock.reason", "Say why the stock is adjusted.");
        }

        await using var tx = await OwnedTransaction.BeginAsync(db.Database, ct);
        var level = await LockLevelAsync(variantId, locationId, ct);
        int before;
        if (level is null)
        {
            if (await MissingVariantOrLocationAsync(variantId, locationId, ct) is { } missing)
            {
                return missing;
            }

            before = 0;
            db.Inventory.Add(new InventoryLevel(variantId, locationId, onHand));
        }
        else
        {
            if (onHand < level.Reserved)
            {
                return DomainError.Conflict("stock.reserved", $"{level.Reserved} units are held for unpaid orders; on hand cannot go below that.");
            }

            before = level.OnHand;
            await db.Inventory
                .Where(i => i.VariantId == variantId && i.LocationId == locationId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHand, onHand), ct);
        }

        var now = clock.UtcNow;
        db.StockMovements.Add(new StockMovement(variantId, locationId, MovementKind.Adjustment, onHand - before, 0, null, actor, reason.Trim(), now));
        audit.Record(actor, "stock.adjusted", "inventory", $"{variantId}@{locationId}", new { Before = before, After = onHand, Reason = reason.Trim() });
        await db.SaveChangesAsync(ct);
        await TrackLowStockAsync(variantId, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return (await LevelsAsync(null, variantId, ct)).First(r => r.LocationId == locationId);
    }

    /// <summary>Stock arriving (a delivery, a purchase order received). Runs in the caller's transaction if there is one.</summary>
    public async Task<Result<bool>> ReceiveAsync(int variantId, int locationId, int quantity, string actor, string note, CancellationToken ct = default)
    {
        if (quantity <= 0)
        {
            return DomainError.Invalid("stock.quantity", "A receipt adds at least one unit.");
        }

        if (await RetiredAsync(locationId, ct) is { } retired)
        {
            return retired;
        }

        var updated = await db.Inventory
            .Where(i => i.VariantId == variantId && i.LocationId == locationId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHand, i => i.OnHand + quantity), ct);
        if (updated == 0)
        {
            if (await MissingVariantOrLocationAsync(variantId, locationId, ct) is { } missing)
            {
                return missing;
            }

            db.Inventory.Add(new InventoryLevel(variantId, locationId, quantity));
        }

        db.StockMovements.Add(new StockMovement(variantId, locationId, MovementKind.Receipt, quantity, 0, null, actor, note, clock.UtcNow));
        audit.Record(actor, "stock.received", "inventory", $"{variantId}@{locationId}", new { Quantity = quantity, Note = note });
        await db.SaveChangesAsync(ct);
        await TrackLowStockAsync(variantId, ct);
        cache.Invalidate();
        return true;
    }

    /// <summary>
    /// Staff correction by a difference (3 damaged: −3; a found carton: +12) rather than a count. On hand never goes
    /// below zero or below what is reserved. Joins the caller's transaction if there is one.
    /// </summary>
    public Task<Result<StockLevelRow>> AdjustByAsync(int variantId, int locationId, int change, string actor, string reason, CancellationToken ct = default) =>
        db.RetriableAsync(token => AdjustByOnceAsync(variantId, locationId, change, actor, reason, token), ct);

    private async Task<Result<StockLevelRow>> AdjustByOnceAsync(int variantId, int locationId, int change, string actor, string reason, CancellationToken ct)
    {
        if (change == 0)
        {
            return DomainError.Invalid("stock.change", "An adjustment changes stock by at least one unit.");
        }

        await using var tx = await OwnedTransaction.BeginAsync(db.Database, ct);

        // The row stays locked from this read to the write below, so a concurrent sale cannot slip in between.
        var before = (await LockLevelAsync(variantId, locationId, ct))?.OnHand ?? 0;
        if (before + change < 0)
        {
            return DomainError.Conflict("stock.negative", $"Only {before} on hand there; {-change} cannot be taken off.");
        }

        var adjusted = await SetOnHandAsync(variantId, locationId, before + change, actor, reason, ct);
        if (adjusted.IsSuccess)
        {
            await tx.CommitAsync(ct);
        }

        return adjusted;
    }

    /// <summary>A delivery of several variants to one location, without a purchase order: every line or none.</summary>
    public Task<Result<bool>> ReceiveDeliveryAsync(int locationId, IReadOnlyList<(int VariantId, int Quantity)> lines, string actor, string note, CancellationToken ct = default) =>
        db.RetriableAsync(token => ReceiveDeliveryOnceAsync(locationId, lines, actor, note, token), ct);

    private async Task<Result<bool>> ReceiveDeliveryOnceAsync(int locationId, IReadOnlyList<(int VariantId, int Quantity)> lines, string actor, string note, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            return DomainError.Invalid("stock.lines", "A receipt has at least one line.");
        }

        await using var tx = await OwnedTransaction.BeginAsync(db.Database, ct);
        foreach (var (variantId, quantity) in lines)
        {
            var received = await ReceiveAsync(variantId, locationId, quantity, actor, note, ct);
            if (!received.IsSuccess)
            {
                return received.Error!;
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Moves available units between locations, atomically: both rows change or neither.</summary>
    public Task<Result<bool>> TransferAsync(int variantId, int fromLocationId, int toLocationId, int quantity, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => TransferOnceAsync(variantId, fromLocationId, toLocationId, quantity, actor, token), ct);

    private async Task<Result<bool>> TransferOnceAsync(int variantId, int fromLocationId, int toLocationId, int quantity, string actor, CancellationToken ct)
    {
        if (quantity <= 0)
        {
            return DomainError.Invalid("stock.quantity", "Transfer at least one unit.");
        }

        if (fromLocationId == toLocationId)
        {
            return DomainError.Invalid("stock.transfer", "Choose two different locations.");
        }

        if (await RetiredAsync(toLocationId, ct) is { } retired)
        {
            return retired;
        }

        // Joins the caller's transaction (an API request that records its Idempotency-Key with the change).
        await using var tx = await OwnedTransaction.BeginAsync(db.Database, ct);
        var taken = await db.Inventory
            .Where(i => i.VariantId == variantId && i.LocationId == fromLocationId && i.OnHand - i.Reserved >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHand, i => i.OnHand - quantity), ct);
        if (taken == 0)
        {
            return await MissingVariantOrLocationAsync(variantId, fromLocationId, ct)
                ?? DomainError.Conflict("stock.insufficient", $"Fewer than {quantity} units are available to move from that location.");
        }

        var added = await db.Inventory
            .Where(i => i.VariantId == variantId && i.LocationId == toLocationId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHand, i => i.OnHand + quantity), ct);
        if (added == 0)
        {
            if (await MissingVariantOrLocationAsync(variantId, toLocationId, ct) is { } missing)
            {
                return missing;
            }

            db.Inventory.Add(new InventoryLevel(variantId, toLocationId, quantity));
        }

        var now = clock.UtcNow;
        db.StockMovements.Add(new StockMovement(variantId, fromLocationId, MovementKind.TransferOut, -quantity, 0, null, actor, $"to location {toLocationId}", now));
        db.StockMovements.Add(new StockMovement(variantId, toLocationId, MovementKind.TransferIn, quantity, 0, null, actor, $"from location {fromLocationId}", now));
        audit.Record(actor, "stock.transferred", "inventory", variantId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { From = fromLocationId, To = toLocationId, Quantity = quantity });
        await db.SaveChangesAsync(ct);
        await TrackLowStockAsync(variantId, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return true;
    }

    public async Task<IReadOnlyList<StockLevelRow>> LevelsAsync(string? search, int? variantId = null, CancellationToken ct = default)
    {
        var query = from i in db.Inventory.AsNoTracking()
                    join v in db.Variants on i.VariantId equals v.Id
                    select new { i, v };
        if (variantId is not null)
        {
            query = query.Where(x => x.v.Id == variantId);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim()}%";
            query = query.Where(x => EF.Functions.ILike(x.v.Sku, pattern) || EF.Functions.ILike(x.v.Product.Name, pattern));
        }

        return await query
            .OrderBy(x => x.v.Product.Name).ThenBy(x => x.v.Id).ThenBy(x => x.i.Location!.Priority)
            .Take(500)
            .Select(x => new StockLevelRow(x.v.Id, x.v.Sku, x.v.Product.Name, x.v.Title, x.i.LocationId, x.i.Location!.Name, x.i.OnHand, x.i.Reserved) { ReorderPoint = x.i.ReorderPoint, ReorderQuantity = x.i.ReorderQuantity })
            .ToListAsync(ct);
    }

    /// <summary>
    /// Flags locations of a variant whose available stock fell below the reorder point, raising one StockLow each
    /// (the flag flips in one conditional UPDATE, so concurrent sales raise it once), and clears recovered ones.
    /// In the caller's transaction; the event is saved with the caller's next SaveChanges.
    /// </summary>
    private async Task TrackLowStockAsync(int variantId, CancellationToken ct)
    {
        // One statement (one round trip on every sale) sets the flag where stock fell under the point and clears it
        // where it recovered; only rows that fell come back with Fell, and each raises its one StockLow.
        var now = clock.UtcNow;
        var changed = await db.Database.SqlQuery<LowStockFlag>($"""
            UPDATE inventory SET low_stock_since = CASE WHEN on_hand - reserved < reorder_point THEN {now} END
            WHERE variant_id = {variantId}
              AND ((reorder_point > 0 AND on_hand - reserved < reorder_point AND low_stock_since IS NULL)
                OR (low_stock_since IS NOT NULL AND on_hand - reserved >= reorder_point))
            RETURNING variant_id, location_id, on_hand - reserved AS available, reorder_point, reorder_quantity, low_stock_since IS NOT NULL AS fell
            """).ToListAsync(ct);
        foreach (var low in changed.Where(c => c.Fell))
        {
            outbox.Add(new StockLow(low.VariantId, low.LocationId, low.Available, low.ReorderPoint, low.ReorderQuantity));
        }
    }

    private sealed record LowStockFlag(int VariantId, int LocationId, int Available, int ReorderPoint, int ReorderQuantity, bool Fell);

    public async Task<Result<bool>> SetReorderRuleAsync(int variantId, int locationId, int reorderPoint, int reorderQuantity, string actor, CancellationToken ct = default)
    {
        if (reorderPoint < 0 || reorderQuantity < 0 || (reorderPoint > 0 && reorderQuantity == 0))
        {
            return DomainError.Invalid("stock.reorder", "A reorder point needs a reorder quantity of at least one.");
        }

        var level = await db.Inventory.FirstOrDefaultAsync(i => i.VariantId == variantId && i.LocationId == locationId, ct);
        if (level is null)
        {
            return DomainError.NotFound("stock.unknown", "No stock row for that variant and location.");
        }

        audit.Record(actor, "stock.reorder-rule", "inventory", $"{variantId}@{locationId}", new { Before = new { level.ReorderPoint, level.ReorderQuantity }, After = new { ReorderPoint = reorderPoint, ReorderQuantity = reorderQuantity } });
        level.SetReorderRule(reorderPoint, reorderQuantity);
        await db.SaveChangesAsync(ct);
        await TrackLowStockAsync(variantId, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<StockLevelRow>> LowStockAsync(CancellationToken ct = default) =>
        await db.Inventory.AsNoTracking()
            .Where(i => i.LowStockSince != null)
            .Join(db.Variants, i => i.VariantId, v => v.Id, (i, v) => new { i, v })
            .OrderBy(x => x.i.OnHand - x.i.Reserved)
            .Take(500)
            .Select(x => new StockLevelRow(x.v.Id, x.v.Sku, x.v.Product.Name, x.v.Title, x.i.LocationId, x.i.Location!.Name, x.i.OnHand, x.i.Reserved) { ReorderPoint = x.i.ReorderPoint, ReorderQuantity = x.i.ReorderQuantity })
            .ToListAsync(ct);

    public async Task<IReadOnlyList<LocationSummary>> LocationsAsync(CancellationToken ct = default) =>
        await db.Locations.AsNoTracking().Where(l => l.RetiredAt == null).OrderBy(l => l.Priority).Select(l => new LocationSummary(l.Id, l.Code, l.Name)).ToListAsync(ct);

    private async Task<DomainError?> RetiredAsync(int locationId, CancellationToken ct) =>
        await db.Locations.AnyAsync(l => l.Id == locationId && l.RetiredAt != null, ct)
            ? DomainError.Conflict("location.retired", "That location is retired: it takes no more stock.")
            : null;

    private async Task<InventoryLevel?> LockLevelAsync(int variantId, int locationId, CancellationToken ct) =>
        await db.Inventory
            .FromSql($"SELECT * FROM inventory WHERE variant_id = {variantId} AND location_id = {locationId} FOR UPDATE")
            .AsNoTracking()
            .FirstOrDefaultAsync(ct);

    private async Task<DomainError?> MissingVariantOrLocationAsync(int variantId, int locationId, CancellationToken ct) =>
        await db.Variants.AnyAsync(v => v.Id == variantId, ct) && await db.Locations.AnyAsync(l => l.Id == locationId, ct)
            ? null
            : DomainError.NotFound("stock.unknown", "No such variant or location.");
}

public sealed record StockLevelRow(int VariantId, string Sku, string ProductName, string VariantTitle, int LocationId, string LocationName, int OnHand, int Reserved)
{
    public int Available => OnHand - Reserved;
    public int ReorderPoint { get; init; }
    public int ReorderQuantity { get; init; }
}

public sealed record LocationSummary(int Id, string Code, string Name);
