using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Inventory;

/// <summary>
/// Stock changes. Every change is one conditional UPDATE (… WHERE on_hand - reserved >= n), so concurrent buyers
/// can never take a unit twice; the caller owns the transaction that makes an order's lines all-or-nothing.
/// </summary>
public sealed class InventoryService(StoreDbContext db, AuditLog audit, IClock clock, Catalog.CatalogCache cache)
{
    /// <summary>
    /// Holds stock for an order's lines, taking from locations by priority, then by most available.
    /// Must run inside the caller's transaction: on failure the caller rolls back what was already held.
    /// </summary>
    public async Task<Result<bool>> ReserveAsync(Guid orderId, IReadOnlyCollection<(int VariantId, int Quantity, string Sku)> lines, CancellationToken ct)
    {
        foreach (var (variantId, quantity, sku) in lines)
        {
            var needed = quantity;

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
                        db.StockReservations.Add(new StockReservation(orderId, variantId, locationId, take, clock.UtcNow));
                        needed -= take;
                        if (needed == 0)
                        {
                            break;
                        }
                    }
                }
            }

            if (needed > 0)
            {
                return DomainError.Conflict("stock.insufficient", $"Not enough stock of {sku}: {quantity - needed} of {quantity} available.");
            }
        }

        return true;
    }

    /// <summary>Turns an order's held stock into a sale: on hand and reserved both go down. Idempotent.</summary>
    public async Task CommitAsync(Guid orderId, CancellationToken ct)
    {
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
        }
    }

    /// <summary>Gives an order's held stock back. Idempotent.</summary>
    public async Task ReleaseAsync(Guid orderId, CancellationToken ct)
    {
        var reservations = await db.StockReservations
            .Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Active)
            .ToListAsync(ct);
        foreach (var r in reservations)
        {
            await db.Inventory
                .Where(i => i.VariantId == r.VariantId && i.LocationId == r.LocationId && i.Reserved >= r.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Reserved, i => i.Reserved - r.Quantity), ct);
            r.MarkReleased();
        }
    }

    /// <summary>Staff correction of a count: sets on hand to what was counted, never below what is reserved.</summary>
    public async Task<Result<StockLevelRow>> SetOnHandAsync(int variantId, int locationId, int onHand, string actor, string reason, CancellationToken ct = default)
    {
        if (onHand < 0)
        {
            return DomainError.Invalid("stock.negative", "Stock on hand cannot be negative.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DomainError.Invalid("stock.reason", "Say why the stock is adjusted.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var level = await db.Inventory
            .FromSql($"SELECT * FROM inventory WHERE variant_id = {variantId} AND location_id = {locationId} FOR UPDATE")
            .AsNoTracking()
            .FirstOrDefaultAsync(ct);
        if (level is null)
        {
            var variantExists = await db.Variants.AnyAsync(v => v.Id == variantId, ct);
            var locationExists = await db.Locations.AnyAsync(l => l.Id == locationId, ct);
            if (!variantExists || !locationExists)
            {
                return DomainError.NotFound("stock.unknown", "No such variant or location.");
            }

            db.Inventory.Add(new InventoryLevel(variantId, locationId, onHand));
        }
        else
        {
            if (onHand < level.Reserved)
            {
                return DomainError.Conflict("stock.reserved", $"{level.Reserved} units are held for unpaid orders; on hand cannot go below that.");
            }

            await db.Inventory
                .Where(i => i.VariantId == variantId && i.LocationId == locationId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHand, onHand), ct);
        }

        audit.Record(actor, "stock.adjusted", "inventory", $"{variantId}@{locationId}", new { Before = level?.OnHand, After = onHand, Reason = reason.Trim() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return (await LevelsAsync(null, variantId, ct)).First(r => r.LocationId == locationId);
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
            .Select(x => new StockLevelRow(x.v.Id, x.v.Sku, x.v.Product.Name, x.v.Title, x.i.LocationId, x.i.Location!.Name, x.i.OnHand, x.i.Reserved))
            .ToListAsync(ct);
    }
}

public sealed record StockLevelRow(int VariantId, string Sku, string ProductName, string VariantTitle, int LocationId, string LocationName, int OnHand, int Reserved)
{
    public int Available => OnHand - Reserved;
}
