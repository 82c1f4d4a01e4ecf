using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Inventory;

public sealed record LocationInput(string? Code, string? Name, int Priority, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country);

public sealed record LocationDetails(int Id, string Code, string Name, int Priority, ShipFromAddress? ShipFrom, DateTimeOffset? RetiredAt, int OnHand, int Reserved)
{
    public bool IsActive => RetiredAt is null;
}

/// <summary>Stock locations: created, renamed, reprioritised, given a ship-from address, and retired once empty. Every change is audited.</summary>
public sealed class LocationService(StoreDbContext db, AuditLog audit, CatalogCache cache, IClock clock)
{
    public async Task<IReadOnlyList<LocationDetails>> ListAsync(CancellationToken ct = default)
    {
        var locations = await db.Locations.AsNoTracking().OrderBy(l => l.RetiredAt != null).ThenBy(l => l.Priority).ThenBy(l => l.Name).ToListAsync(ct);
        var stock = await db.Inventory.AsNoTracking()
            .GroupBy(i => i.LocationId)
            .Select(g => new { LocationId = g.Key, OnHand = g.Sum(i => i.OnHand), Reserved = g.Sum(i => i.Reserved) })
            .ToDictionaryAsync(x => x.LocationId, ct);
        return [.. locations.Select(l => new LocationDetails(
            l.Id, l.Code, l.Name, l.Priority, l.ShipFrom, l.RetiredAt,
            stock.TryGetValue(l.Id, out var s) ? s.OnHand : 0,
            stock.TryGetValue(l.Id, out var r) ? r.Reserved : 0))];
    }

    public async Task<Result<int>> CreateAsync(LocationInput input, string actor, CancellationToken ct = default)
    {
        var location = Location.Create(input.Code, input.Name, input.Priority);
        if (!location.IsSuccess)
        {
            return location.Error!;
        }

        var address = Address(input);
        if (!address.IsSuccess)
        {
            return address.Error!;
        }

        if (await db.Locations.AnyAsync(l => l.Code == location.Value.Code, ct))
        {
            return DomainError.Conflict("location.code-taken", $"Another location already has the code {location.Value.Code}.");
        }

        location.Value.ShipsFrom(address.Value);
        db.Locations.Add(location.Value);
        await db.SaveChangesAsync(ct);
        audit.Record(actor, "location.created", "location", location.Value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { location.Value.Code, location.Value.Name, location.Value.Priority, ShipFrom = address.Value });
        await db.SaveChangesAsync(ct);
        return location.Value.Id;
    }

    /// <summary>Renames it, changes its priority and its ship-from address (the code stays: it is printed on pick lists).</summary>
    public async Task<Result<bool>> UpdateAsync(int id, LocationInput input, string actor, CancellationToken ct = default)
    {
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (location is null)
        {
            return DomainError.NotFound("location.unknown", "No such location.");
        }

        var before = new { location.Name, location.Priority, location.ShipFrom };
        var address = Address(input);
        if (!address.IsSuccess)
        {
            return address.Error!;
        }

        var changed = location.Rename(input.Name);
        changed = changed.IsSuccess ? location.SetPriority(input.Priority) : changed;
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        location.ShipsFrom(address.Value);
        audit.Record(actor, "location.updated", "location", id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { Before = before, After = new { location.Name, location.Priority, location.ShipFrom } });
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }

    /// <summary>
    /// Retires an empty location. The location row is locked first, and its stock and open purchase orders are
    /// read under that lock, so the answer is about the location as it is when it retires.
    /// </summary>
    public Task<Result<bool>> RetireAsync(int id, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => RetireOnceAsync(id, actor, token), ct);

    private async Task<Result<bool>> RetireOnceAsync(int id, string actor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var location = await db.Locations.FromSql($"SELECT * FROM locations WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (location is null)
        {
            return DomainError.NotFound("location.unknown", "No such location.");
        }

        // The stock rows too: a sale or receipt at this location waits until the retirement is decided.
        var stock = await db.Inventory.FromSql($"SELECT * FROM inventory WHERE location_id = {id} FOR UPDATE").AsNoTracking().ToListAsync(ct);
        var openOrders = await db.PurchaseOrders.CountAsync(p => p.LocationId == id && (p.Status == PurchaseOrderStatus.Draft || p.Status == PurchaseOrderStatus.Sent), ct);
        if (openOrders > 0)
        {
            return DomainError.Conflict("location.open-purchase-orders", $"{location.Name} is waiting for {openOrders} purchase order(s): receive or cancel them first.");
        }

        var active = await db.Locations.CountAsync(l => l.RetiredAt == null, ct);
        var retired = location.Retire(stock.Sum(s => s.OnHand), stock.Sum(s => s.Reserved), active, clock.UtcNow);
        if (!retired.IsSuccess)
        {
            return retired.Error!;
        }

        audit.Record(actor, "location.retired", "location", id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { location.Code, location.Name });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return true;
    }

    private static Result<ShipFromAddress?> Address(LocationInput input)
    {
        if (new[] { input.Line1, input.Line2, input.City, input.Region, input.PostalCode, input.Country }.All(string.IsNullOrWhiteSpace))
        {
            return (ShipFromAddress?)null;
        }

        var address = ShipFromAddress.Create(input.Line1, input.Line2, input.City, input.Region, input.PostalCode, input.Country);
        return address.IsSuccess ? address.Value : address.Error!;
    }
}
