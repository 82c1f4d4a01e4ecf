using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Domain.Settings;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Settings;

/// <summary>The owner's store settings: read with where each comes from, and saved (checked, audited) to store_settings.</summary>
public sealed class SettingsService(
    StoreDbContext db,
    ShopSettingsSource source,
    IOptionsMonitor<ShopOptions> shop,
    AuditLog audit,
    CatalogCache cache,
    IClock clock)
{
    public async Task<IReadOnlyList<SettingView>> ListAsync(CancellationToken ct = default)
    {
        var saved = await db.Settings.AsNoTracking().Select(s => s.Key).ToListAsync(ct);
        var current = shop.CurrentValue;
        return [.. SettingKeys.All.Select(k => new SettingView(
            k.Key,
            k.Label,
            SettingKeys.Read(current, k.Key),
            IsConfigured(k.Key) ? SettingSource.Configuration : saved.Contains(k.Key) ? SettingSource.Database : SettingSource.Default))];
    }

    /// <summary>True when appsettings or the environment sets this key, which then overrides anything saved.</summary>
    public bool IsConfigured(string key) => source.IsConfigured(key);

    /// <summary>
    /// Saves the changed values (keys the configuration locks are refused) after checking the whole resulting
    /// profile, so a store never holds a half-valid set. The new values apply on this instance at once.
    /// </summary>
    public async Task<Result<int>> SaveAsync(IReadOnlyDictionary<string, string?> values, string actor, CancellationToken ct = default)
    {
        var current = shop.CurrentValue;
        var changes = new Dictionary<string, (string Before, string After)>();
        foreach (var (key, raw) in values)
        {
            if (!SettingKeys.IsKnown(key))
            {
                return DomainError.Invalid("settings.unknown", $"'{key}' is not a store setting.");
            }

            var value = (raw ?? "").Trim();
            var before = SettingKeys.Read(current, key);
            if (value == before)
            {
                continue;
            }

            if (IsConfigured(key))
            {
                return DomainError.Conflict("settings.locked", $"{Label(key)} is set by the server's configuration (Store:{key}) and cannot be changed here.");
            }

            changes[key] = (before, value);
        }

        if (changes.Count == 0)
        {
            return 0;
        }

        string After(string key) => changes.TryGetValue(key, out var c) ? c.After : SettingKeys.Read(current, key);
        if (!bool.TryParse(After(SettingKeys.PricesIncludeTax), out var pricesIncludeTax))
        {
            return DomainError.Invalid("settings.prices-include-tax", "Prices include tax is true or false.");
        }

        if (!bool.TryParse(After(SettingKeys.RefuseUncoveredAddresses), out var refuseUncovered))
        {
            return DomainError.Invalid("settings.refuse-uncovered", "Refusing uncovered addresses is true or false.");
        }

        if (!bool.TryParse(After(SettingKeys.RequireTwoFactorForStaff), out var requireTwoFactor))
        {
            return DomainError.Invalid("settings.require-two-factor", "Requiring two-factor sign-in for staff is true or false.");
        }

        if (!bool.TryParse(After(SettingKeys.RequireConfirmedEmail), out var requireConfirmed))
        {
            return DomainError.Invalid("settings.require-confirmed-email", "Requiring a confirmed email is true or false.");
        }

        if (After(SettingKeys.Tagline).Length > 160)
        {
            return DomainError.Invalid("settings.tagline", "The tagline is at most 160 characters: it is the home page's description too.");
        }

        var culture = After(SettingKeys.Culture);
        if (culture.Length > 0 && !IsKnownCulture(culture))
        {
            return DomainError.Invalid("settings.culture", $"'{culture}' is not a culture this server knows (write it like en-US, de-DE or fr-CA).");
        }

        var profile = StoreProfile.Create(After(SettingKeys.Name), After(SettingKeys.ContactEmail), After(SettingKeys.Currency), pricesIncludeTax, After(SettingKeys.HomeCountry));
        if (!profile.IsSuccess)
        {
            return profile.Error!;
        }

        var address = ShipFromAddress.Create(
            After(SettingKeys.AddressLine1), After(SettingKeys.AddressLine2), After(SettingKeys.AddressCity),
            After(SettingKeys.AddressRegion), After(SettingKeys.AddressPostalCode), After(SettingKeys.AddressCountry));
        if (!address.IsSuccess)
        {
            return address.Error!;
        }

        if (changes.ContainsKey(SettingKeys.Currency) && await db.Products.AnyAsync(ct))
        {
            // Prices are stored in minor units of the currency they were entered in; relabelling them would reprice everything.
            return DomainError.Conflict("settings.currency", "The currency can only change before the first product is created.");
        }

        // Normalised as the profile reads them (upper-case codes, trimmed text), so what is saved is what applies.
        var normalized = new Dictionary<string, string>
        {
            [SettingKeys.Name] = profile.Value.Name,
            [SettingKeys.ContactEmail] = profile.Value.ContactEmail,
            [SettingKeys.Currency] = profile.Value.Currency,
            [SettingKeys.PricesIncludeTax] = SettingKeys.Format(profile.Value.PricesIncludeTax),
            [SettingKeys.RefuseUncoveredAddresses] = SettingKeys.Format(refuseUncovered),
            [SettingKeys.RequireTwoFactorForStaff] = SettingKeys.Format(requireTwoFactor),
            [SettingKeys.RequireConfirmedEmail] = SettingKeys.Format(requireConfirmed),
            [SettingKeys.HomeCountry] = profile.Value.HomeCountry,
            [SettingKeys.AddressCountry] = address.Value.Country,
            [SettingKeys.AddressRegion] = address.Value.Region ?? "",
        };
        await WriteAsync(changes.ToDictionary(c => c.Key, c => normalized.GetValueOrDefault(c.Key, c.Value.After)), actor, ct);
        audit.Record(actor, "settings.changed", "settings", "store", changes.ToDictionary(c => c.Key, c => new { c.Value.Before, c.Value.After }));
        await db.SaveChangesAsync(ct);
        await source.ReloadAsync(ct);
        cache.Invalidate();
        return changes.Count;
    }

    /// <summary>Adds or updates rows in the unit of work; the caller saves (the setup saves them with the owner's account).</summary>
    internal async Task WriteAsync(IReadOnlyDictionary<string, string> values, string actor, CancellationToken ct)
    {
        var keys = values.Keys.ToList();
        var existing = await db.Settings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, ct);
        foreach (var (key, value) in values)
        {
            if (existing.TryGetValue(key, out var row))
            {
                row.Change(value, actor, clock.UtcNow);
            }
            else
            {
                db.Settings.Add(new StoredSetting(key, value, actor, clock.UtcNow));
            }
        }
    }

    // Predefined specific cultures only: an invented name would silently format like the invariant culture.
    private static bool IsKnownCulture(string name) =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures).Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Label(string key) => SettingKeys.All.First(k => k.Key == key).Label;
}
