using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Data;
using Store.Infrastructure.Shipping;

namespace Store.Infrastructure.Tax;

/// <summary>
/// Seeds the tax zones a store in a given home country needs (<see cref="TaxPresetTable"/>), and a first set of
/// shipping zones and methods when the store has none. Applying twice changes nothing the second time; applying
/// again after the owner edited a preset zone puts the preset's rates back (it is the owner's explicit choice).
/// </summary>
public static class TaxPresets
{
    /// <summary>The EU member states, whose VAT a store in any one of them charges by destination (one-stop shop).</summary>
    public static IReadOnlySet<string> EuCountries { get; } = TaxPresetTable.EuVat.Select(p => p.Country).ToHashSet(StringComparer.Ordinal);

    /// <summary>The zones a home country gets: US → the 50 states and DC; an EU country → all 27 member states; GB → UK VAT.</summary>
    public static IReadOnlyList<TaxRatePreset> For(string countryCode)
    {
        var country = Normalise(countryCode);
        return country switch
        {
            "US" => TaxPresetTable.UsStates,
            "GB" => [TaxPresetTable.UkVat],
            _ when EuCountries.Contains(country) => TaxPresetTable.EuVat,
            _ => [],
        };
    }

    /// <summary>Applies the presets with shipping priced in the home country's own currency.</summary>
    public static Task<int> ApplyAsync(StoreDbContext db, string countryCode, CancellationToken ct) =>
        ApplyAsync(db, countryCode, new RegionInfo(Normalise(countryCode)).ISOCurrencySymbol, ct);

    /// <summary>Seeds or updates the tax zones for <paramref name="countryCode"/> and, when the store has no shipping
    /// zone at all, adds shipping for it priced in <paramref name="currency"/> (placeholders the owner edits).</summary>
    /// <returns>How many rows were added or changed.</returns>
    public static async Task<int> ApplyAsync(StoreDbContext db, string countryCode, string currency, CancellationToken ct)
    {
        var country = Normalise(countryCode);
        var presets = For(country);
        var countries = presets.Select(p => p.Country).Distinct().ToList();
        var existing = await db.TaxZones.Where(z => countries.Contains(z.Country) && z.PostalPrefix == null).ToListAsync(ct);
        var changed = 0;
        foreach (var preset in presets)
        {
            var zone = existing.FirstOrDefault(z => z.Country == preset.Country && z.Region == preset.Region);
            if (zone is null)
            {
                db.TaxZones.Add(new StoredTaxZone(preset.Name, preset.Country, preset.Region, null, preset.Standard, preset.Reduced, preset.TaxesShipping));
                changed++;
            }
            else if (zone.Name != preset.Name || zone.StandardRate != preset.Standard || zone.ReducedRate != preset.Reduced
                     || zone.ZeroRate != 0m || zone.TaxesShipping != preset.TaxesShipping)
            {
                zone.Update(new Domain.Tax.TaxZoneInput(preset.Name, preset.Country, preset.Region, null, preset.Standard, preset.Reduced, 0m, preset.TaxesShipping));
                changed++;
            }
        }

        if (!await db.ShippingZones.AnyAsync(ct))
        {
            var (zones, methods) = ShippingFor(country, currency.Trim().ToUpperInvariant());
            db.ShippingZones.AddRange(zones);
            db.ShippingMethods.AddRange(methods);
            changed += zones.Count + methods.Count;
        }

        await db.SaveChangesAsync(ct);
        return changed;
    }

    private static (List<StoredShippingZone> Zones, List<StoredShippingMethod> Methods) ShippingFor(string country, string currency)
    {
        long M(decimal major) => Currencies.ToMinor(major, currency);
        switch (country)
        {
            case "US":
                return (
                    [new StoredShippingZone("us", "United States", [new GeoArea("US")])],
                    [
                        new StoredShippingMethod(
                            "usps-ground", "USPS", "Ground Advantage", "us", RateKind.WeightTable, currency, 0,
                            [new(500, M(5.99m)), new(1000, M(7.99m)), new(2000, M(9.99m)), new(5000, M(14.99m)), new(20000, M(24.99m))],
                            freeOverMinor: M(75m), minDays: 3, maxDays: 5),
                        new StoredShippingMethod("ups-2day", "UPS", "2nd Day Air", "us", RateKind.Flat, currency, M(19.99m), [], null, 2, 2),
                    ]);
            case "GB":
                return (
                    [new StoredShippingZone("gb", "United Kingdom", [new GeoArea("GB")])],
                    [
                        new StoredShippingMethod("royal-mail-48", "Royal Mail", "Tracked 48", "gb", RateKind.Flat, currency, M(3.99m), [], M(50m), 2, 3),
                        new StoredShippingMethod("dpd-next-day", "DPD", "Next Day", "gb", RateKind.Flat, currency, M(7.99m), [], null, 1, 1),
                    ]);
        }

        var home = country.ToLowerInvariant();
        List<StoredShippingZone> zones = [new StoredShippingZone(home, new RegionInfo(country).EnglishName, [new GeoArea(country)])];
        List<StoredShippingMethod> methods =
        [
            new StoredShippingMethod($"{home}-standard", "Post", "Standard", home, RateKind.Flat, currency, M(4.99m), [], M(60m), 2, 4),
            new StoredShippingMethod($"{home}-express", "DHL", "Express", home, RateKind.Flat, currency, M(12.99m), [], null, 1, 2),
        ];
        if (EuCountries.Contains(country))
        {
            zones.Add(new StoredShippingZone("eu", "European Union", [.. EuCountries.Where(c => c != country).Order(StringComparer.Ordinal).Select(c => new GeoArea(c))]));
            methods.Add(new StoredShippingMethod(
                "eu-international", "DHL", "International", "eu", RateKind.WeightTable, currency, 0,
                [new(1000, M(14.99m)), new(5000, M(24.99m)), new(20000, M(44.99m))],
                freeOverMinor: null, minDays: 3, maxDays: 7));
        }

        return (zones, methods);
    }

    private static string Normalise(string countryCode)
    {
        var country = countryCode?.Trim().ToUpperInvariant() ?? "";
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("A country is a two-letter ISO code such as US, DE or GB.", nameof(countryCode));
        }

        return country;
    }
}
