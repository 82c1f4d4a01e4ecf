using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Shipping;
using Store.Infrastructure.Tax;

namespace Store.Infrastructure.Data.DemoData;

/// <summary>
/// Starting tax and shipping rules: the tax presets for the US (every state and DC) and the EU (all 27 member
/// states), USPS and UPS in the US, DHL to the EU. Seeded whenever the tables are empty, with or without the demo
/// catalog: a store without a shipping zone could not take a single order.
/// </summary>
public static class DemoRates
{
    public static async Task SeedAsync(StoreDbContext db, string currency, CancellationToken ct = default)
    {
        var seedTax = !await db.TaxZones.AnyAsync(ct);
        if (!await db.ShippingZones.AnyAsync(ct))
        {
            db.ShippingZones.AddRange(
                new StoredShippingZone("us", "United States", [new GeoArea("US")]),
                new StoredShippingZone("eu", "European Union", [.. new[] { "DE", "FR", "NL", "BE", "AT", "IT", "ES", "IE", "DK", "SE" }.Select(c => new GeoArea(c))]));
            await db.SaveChangesAsync(ct);
            db.ShippingMethods.AddRange(
                new StoredShippingMethod(
                    "usps-ground", "USPS", "Ground Advantage", "us", RateKind.WeightTable, currency, 0,
                    [new(500, 599), new(1000, 799), new(2000, 999), new(5000, 1499), new(20000, 2499)],
                    freeOverMinor: 7500, minDays: 3, maxDays: 5),
                new StoredShippingMethod("ups-2day", "UPS", "2nd Day Air", "us", RateKind.Flat, currency, 1999, [], null, 2, 2),
                new StoredShippingMethod(
                    "dhl-intl", "DHL", "Express International", "eu", RateKind.WeightTable, currency, 0,
                    [new(1000, 2999), new(5000, 4499), new(20000, 7999)],
                    freeOverMinor: null, minDays: 4, maxDays: 7));
        }

        await db.SaveChangesAsync(ct);

        // After the demo's own shipping zones, so the presets add tax only.
        if (seedTax)
        {
            await TaxPresets.ApplyAsync(db, "US", currency, ct);
            await TaxPresets.ApplyAsync(db, "DE", currency, ct);
        }
    }
}
