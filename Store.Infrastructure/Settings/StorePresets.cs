using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Data;
using Store.Infrastructure.Shipping;

namespace Store.Infrastructure.Settings;

/// <summary>
/// Starting rules for a store's home country: its tax zones and a domestic shipping zone with a standard and an
/// express method. Only what is missing is added, so applying twice (setup, then a restart with the same
/// environment) changes nothing; the owner edits them at /admin/tax and /admin/shipping.
/// </summary>
public static class StorePresets
{
    /// <summary>Adds the rules in the unit of work (the caller saves); returns how many were added.</summary>
    public static async Task<int> ApplyAsync(StoreDbContext db, string homeCountry, string currency, CancellationToken ct)
    {
        var added = 0;
        var country = homeCountry.ToUpperInvariant();
        var zoneId = "home-" + country.ToLowerInvariant();
        if (!await db.ShippingZones.AnyAsync(z => z.Id == zoneId, ct))
        {
            db.ShippingZones.Add(new StoredShippingZone(zoneId, $"Domestic ({country})", [new GeoArea(country)]));
            await db.SaveChangesAsync(ct);

            // Round numbers the owner is expected to adjust: flat rates need no parcel weights, which a new catalog may not have yet.
            db.ShippingMethods.AddRange(
                new StoredShippingMethod(zoneId + "-standard", "Standard", "Standard delivery", zoneId, RateKind.Flat, currency, 500, [], freeOverMinor: 7500, minDays: 2, maxDays: 5),
                new StoredShippingMethod(zoneId + "-express", "Express", "Express delivery", zoneId, RateKind.Flat, currency, 1500, [], null, 1, 2));
            added += 3;
        }

        return added;
    }
}
