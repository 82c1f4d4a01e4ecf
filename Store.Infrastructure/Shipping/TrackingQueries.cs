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

        // The store's own numbers carry a check digit, so a mistyped one is turned away unread; a carrier's (a bought
        // label's "1Z…") is only checked for its shape, and the carrier's own digits are the carrier's business.
        var looksLikeOurs = number.Length == 18 && char.IsAsciiLetter(number[0]) && char.IsAsciiLetter(number[1]) && number.Skip(2).All(char.IsAsciiDigit);
        if (looksLikeOurs ? !TrackingNumbers.IsWellFormed(number) : !TrackingNumbers.IsCarrierNumber(number))
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
