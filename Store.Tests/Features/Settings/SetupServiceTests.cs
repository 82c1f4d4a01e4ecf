using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Settings;
using Store.Tests.Support;

namespace Store.Tests.Features.Settings;

public class SetupServiceTests(EmptyStoreFixture db) : IClassFixture<EmptyStoreFixture>
{
    public static SetupRequest Answers(string owner = "owner@kiosk.example", string country = "DE", string currency = "EUR") =>
        new(owner, "Owner-Pass-1", "Kiosk am Markt", "hello@kiosk.example", "Marktplatz 1", null, "Leipzig", null, "04109", country,
            currency, PricesIncludeTax: true, "LEJ", "Lager Leipzig", ApplyTaxAndShippingPresets: true);

    [Fact]
    public async Task CompleteAsync_OnANewStore_MakesTheOwnerSettingsFirstLocationAndHomeRulesOnce()
    {
        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            Assert.False(await db.Get<SetupService>(scope).IsCompleteAsync());
            Assert.Empty(await context.Users.ToListAsync());
            Assert.Empty(await context.Products.ToListAsync());
            Assert.Empty(await context.Locations.ToListAsync());
            Assert.Empty(await context.ShippingZones.ToListAsync());

            // A bad answer writes nothing at all.
            var refused = await db.Get<SetupService>(scope).CompleteAsync(Answers() with { Currency = "XXX" });
            Assert.Equal("store.currency", refused.Error!.Code);
            var weakPassword = await db.Get<SetupService>(scope).CompleteAsync(Answers() with { OwnerPassword = "short" });
            Assert.Equal("setup.owner", weakPassword.Error!.Code);
            Assert.Empty(await context.Users.ToListAsync());
            Assert.Empty(await context.Settings.ToListAsync());
        }

        await using (var scope = db.Scope())
        {
            var owner = await db.Get<SetupService>(scope).CompleteAsync(Answers());
            Assert.True(owner.IsSuccess, owner.Error?.Message);
        }

        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            var users = db.Get<UserManager<StoreUser>>(scope);
            var owner = await users.FindByEmailAsync("owner@kiosk.example");
            Assert.True(await users.IsInRoleAsync(owner!, StoreRoles.Admin));
            Assert.True(await users.CheckPasswordAsync(owner!, "Owner-Pass-1"));

            var shop = db.Get<IOptions<ShopOptions>>(scope).Value;
            Assert.Equal(("Kiosk am Markt", "EUR", true, "DE"), (shop.Name, shop.Currency, shop.PricesIncludeTax, shop.HomeCountry));
            Assert.Equal(("Kiosk am Markt", "hello@kiosk.example", "Leipzig"), (shop.Address.Name, shop.Address.Email, shop.Address.City));

            var location = await context.Locations.SingleAsync();
            Assert.Equal(("LEJ", "Lager Leipzig", "Marktplatz 1", "DE"), (location.Code, location.Name, location.ShipFrom!.Line1, location.ShipFrom.Country));
            Assert.Equal(["de", "eu"], await context.ShippingZones.Select(z => z.Id).OrderBy(id => id).ToListAsync());
            Assert.All(await context.ShippingMethods.ToListAsync(), m => Assert.Equal("EUR", m.Currency));
            Assert.Equal(19m, (await context.TaxZones.SingleAsync(z => z.Country == "DE")).StandardRate);
            Assert.Contains(await context.AuditLog.Select(a => a.Action).ToListAsync(), a => a == "store.set-up");

            var again = await db.Get<SetupService>(scope).CompleteAsync(Answers("intruder@example.com"));
            Assert.Equal("setup.done", again.Error!.Code);
            Assert.Null(await users.FindByEmailAsync("intruder@example.com"));
        }
    }
}

public class SetupRaceTests(EmptyStoreFixture db) : IClassFixture<EmptyStoreFixture>
{
    [Fact]
    public async Task CompleteAsync_WhenTwoBrowsersSubmitAtOnce_MakesExactlyOneOwner()
    {
        using var start = new Barrier(8);
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var scope = db.Scope();
            var service = db.Get<SetupService>(scope);
            start.SignalAndWait();
            return await service.CompleteAsync(SetupServiceTests.Answers($"owner{i}@kiosk.example"));
        })).ToList();

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("setup.done", r.Error!.Code));
        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        Assert.Equal(1, await context.Users.CountAsync());
        Assert.Equal(1, await context.Locations.CountAsync());
        Assert.Equal(2, await context.ShippingZones.CountAsync());
        Assert.Equal(1, await context.TaxZones.CountAsync(z => z.Country == "DE"));
    }
}
