using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Shipping;
using Store.Infrastructure.Tax;

namespace Store.Infrastructure.Data.DemoData;

/// <summary>
/// Starting tax and shipping rules: a few US states (state base rates, late 2025) and EU VAT, USPS and UPS in the US,
/// DHL to the EU. Seeded whenever the tables are empty, with or without the demo catalog: a store without a shipping
/// zone could not take a single order.
/// </summary>
public static class DemoRates
{
    public static async Task SeedAsync(StoreDbContext db, string currency, CancellationToken ct = default)
    {
        if (!await db.TaxZones.AnyAsync(ct))
        {
            db.TaxZones.AddRange(
                // US states: the same rate for every class (kitchenware is not groceries); most do not tax separately stated delivery.
                new StoredTaxZone("California sales tax", "US", "CA", null, 7.25m, 7.25m, taxesShipping: false),
                new StoredTaxZone("New York sales tax", "US", "NY", null, 4m, 4m, taxesShipping: true),
                new StoredTaxZone("Oregon (no sales tax)", "US", "OR", null, 0m, 0m, taxesShipping: false),
                new StoredTaxZone("Texas sales tax", "US", "TX", null, 6.25m, 6.25m, taxesShipping: true),
                new StoredTaxZone("Washington sales tax", "US", "WA", null, 6.5m, 6.5m, taxesShipping: true),
                new StoredTaxZone("Florida sales tax", "US", "FL", null, 6m, 6m, taxesShipping: false),
                // EU VAT: the reduced rate is what food-contact kitchenware is sold under in this demo; delivery is taxed.
                new StoredTaxZone("VAT Germany", "DE", null, null, 19m, 7m, taxesShipping: true),
                new StoredTaxZone("VAT France", "FR", null, null, 20m, 5.5m, taxesShipping: true),
                new StoredTaxZone("VAT Netherlands", "NL", null, null, 21m, 9m, taxesShipping: true));
        }

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
    }
}
