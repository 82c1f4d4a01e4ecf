using Microsoft.EntityFrameworkCore;
using Store.Domain.Shipping;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Shipping;

public sealed class TrackingQueries(StoreDbContext db)
{
    /// <summary>The parcel with this tracking number, newest event first; null for a number that is malformed or unknown.</summary>
    public async Task<TrackingView?> FindAsync(string trackingNumber, CancellationToken ct = default)
    {
        var number = trackingNumber.Trim().ToUpperInvariant();
        if (!TrackingNumbers.IsWellFormed(number))
        {
            return null;
        }

        var found = await db.Shipments.AsNoTracking()
            .Where(s => s.TrackingNumber == number)
            .Join(db.Orders, s => s.OrderId, o => o.Id, (s, o) => new { Shipment = s, o.ShippingAddress.City, o.ShippingAddress.Country })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var events = await db.Set<ShipmentEvent>().AsNoTracking()
            .Where(e => e.ShipmentId == found.Shipment.Id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new TrackingEventView(e.Kind, e.At, e.Location, e.Note))
            .ToListAsync(ct);
        var s = found.Shipment;
        return new TrackingView(s.TrackingNumber, s.Carrier, s.Service, s.Status, s.WeightGrams, found.City, found.Country, events);
    }
}
