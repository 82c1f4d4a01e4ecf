using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Domain.Settings;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Tax;

namespace Store.Infrastructure.Settings;

/// <summary>
/// First run: turns an empty database into a store with an owner, its settings, a first stock location and the
/// tax and shipping rules of its home country, all in one transaction. Only while there is no staff account.
/// </summary>
public sealed class SetupService(
    StoreDbContext db,
    UserManager<StoreUser> users,
    SettingsService settings,
    ShopSettingsSource source,
    SetupState state,
    AuditLog audit,
    CatalogCache cache,
    IClock clock)
{
    public const string Actor = "system:setup";

    public Task<bool> IsCompleteAsync(CancellationToken ct = default) => state.IsCompleteAsync(db, ct);

    public Task<Result<StoreUser>> CompleteAsync(SetupRequest request, CancellationToken ct = default) =>
        db.RetriableAsync(token => CompleteOnceAsync(request, token), ct);

    private async Task<Result<StoreUser>> CompleteOnceAsync(SetupRequest request, CancellationToken ct)
    {
        var profile = StoreProfile.Create(request.StoreName, request.ContactEmail, request.Currency, request.PricesIncludeTax, request.Country);
        if (!profile.IsSuccess)
        {
            return profile.Error!;
        }

        var address = ShipFromAddress.Create(request.Line1, request.Line2, request.City, request.Region, request.PostalCode, request.Country);
        if (!address.IsSuccess)
        {
            return address.Error!;
        }

        var location = Location.Create(request.LocationCode, request.LocationName, 1);
        if (!location.IsSuccess)
        {
            return location.Error!;
        }

        if (!StoreProfile.IsEmail(request.OwnerEmail) || string.IsNullOrEmpty(request.OwnerPassword))
        {
            return DomainError.Invalid("setup.owner", "Give the owner's email address and a password.");
        }

        var ownerEmail = request.OwnerEmail!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Two browsers submitting at once queue here; the second then finds the first one's owner and stops, so
        // the store gets exactly one owner however the requests interleave.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('store-setup'))", ct);
        if (await SetupState.HasStaffAsync(db, ct))
        {
            state.MarkComplete();
            return DomainError.Conflict("setup.done", "This store is already set up. Sign in with the owner's account.");
        }

        var owner = new StoreUser { UserName = ownerEmail, Email = ownerEmail, EmailConfirmed = true, DisplayName = "Store owner", CreatedAt = clock.UtcNow };
        var created = await users.CreateAsync(owner, request.OwnerPassword!);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(owner, StoreRoles.Admin);
        }

        if (!created.Succeeded)
        {
            return DomainError.Invalid("setup.owner", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var answers = new Dictionary<string, string>
        {
            [SettingKeys.Name] = profile.Value.Name,
            [SettingKeys.ContactEmail] = profile.Value.ContactEmail,
            [SettingKeys.Currency] = profile.Value.Currency,
            [SettingKeys.PricesIncludeTax] = SettingKeys.Format(profile.Value.PricesIncludeTax),
            [SettingKeys.HomeCountry] = profile.Value.HomeCountry,
            [SettingKeys.AddressLine1] = address.Value.Line1,
            [SettingKeys.AddressLine2] = address.Value.Line2 ?? "",
            [SettingKeys.AddressCity] = address.Value.City,
            [SettingKeys.AddressRegion] = address.Value.Region ?? "",
            [SettingKeys.AddressPostalCode] = address.Value.PostalCode,
            [SettingKeys.AddressCountry] = address.Value.Country,
        };
        await settings.WriteAsync(answers, ownerEmail, ct);

        if (!await db.Locations.AnyAsync(l => l.RetiredAt == null, ct))
        {
            location.Value.ShipsFrom(address.Value);
            db.Locations.Add(location.Value);
            audit.Record(ownerEmail, "location.created", "location", location.Value.Code, new { location.Value.Name, location.Value.Priority, ShipFrom = address.Value });
        }

        var presets = request.ApplyTaxAndShippingPresets ? await TaxPresets.ApplyAsync(db, profile.Value.HomeCountry, profile.Value.Currency, ct) : 0;
        audit.Record(Actor, "staff.created", "user", ownerEmail, new { Role = StoreRoles.Admin });
        audit.Record(ownerEmail, "store.set-up", "settings", "store", new { Settings = answers, PresetRules = presets });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        state.MarkComplete();
        await source.ReloadAsync(ct);
        cache.Invalidate();
        return owner;
    }
}
