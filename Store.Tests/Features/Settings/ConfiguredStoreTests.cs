using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Settings;
using Store.Tests.Support;

namespace Store.Tests.Features.Settings;

/// <summary>A container started with every answer in its environment: set up on its first start, no form.</summary>
public sealed class ConfiguredStoreFixture : EmptyStoreFixture
{
    protected override Task<IReadOnlyDictionary<string, string?>?> SettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>?>(new Dictionary<string, string?>
        {
            ["Store:SeedDemoData"] = "false",
            ["Store:Jobs:Enabled"] = "false",
            ["Store:Admin:Email"] = "owner@fjell.example",
            ["Store:Admin:Password"] = "Fjell-Owner-1",
            ["Store:Name"] = "Fjell Supply",
            ["Store:ContactEmail"] = "hei@fjell.example",
            ["Store:Currency"] = "NOK",
            ["Store:HomeCountry"] = "NO",
            ["Store:Address:Line1"] = "Karl Johans gate 1",
            ["Store:Address:City"] = "Oslo",
            ["Store:Address:PostalCode"] = "0154",
            ["Store:Address:Country"] = "NO",
            ["Store:Setup:Location:Code"] = "OSL",
            ["Store:Setup:Location:Name"] = "Oslo lager",
        });
}

public class ConfiguredStoreTests(ConfiguredStoreFixture db) : IClassFixture<ConfiguredStoreFixture>
{
    [Fact]
    public async Task InitializeAsync_WhenEverythingIsConfigured_StartsSetUpWithOwnerLocationAndRules()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        Assert.True(await db.Get<SetupService>(scope).IsCompleteAsync());
        var users = db.Get<UserManager<StoreUser>>(scope);
        var owner = await users.FindByEmailAsync("owner@fjell.example");
        Assert.True(await users.IsInRoleAsync(owner!, StoreRoles.Admin));

        var location = await context.Locations.SingleAsync();
        Assert.Equal(("OSL", "Oslo lager", "Oslo"), (location.Code, location.Name, location.ShipFrom!.City));
        Assert.Equal("no", (await context.ShippingZones.SingleAsync()).Id);
        Assert.All(await context.ShippingMethods.ToListAsync(), m => Assert.Equal("NOK", m.Currency));
        Assert.Empty(await context.Products.ToListAsync());
        Assert.Equal("NOK", db.Get<IOptions<ShopOptions>>(scope).Value.Currency);

        // Started again with the same environment: nothing is added twice.
        await DatabaseInitializer.InitializeAsync(db.Services);
        Assert.Equal(1, await context.Locations.CountAsync());
        Assert.Equal(2, await context.ShippingMethods.CountAsync());
    }

    [Fact]
    public async Task SaveAsync_WhenTheEnvironmentSetsTheValue_IsLockedAndRefused()
    {
        await using var scope = db.Scope();
        var settings = db.Get<SettingsService>(scope);

        var name = (await settings.ListAsync()).Single(s => s.Key == SettingKeys.Name);
        Assert.True(name.Locked);
        Assert.Equal("Fjell Supply", name.Value);
        Assert.False((await settings.ListAsync()).Single(s => s.Key == SettingKeys.AddressTaxId).Locked);

        var refused = await settings.SaveAsync(new Dictionary<string, string?> { [SettingKeys.Name] = "Other" }, "owner@fjell.example");

        Assert.Equal("settings.locked", refused.Error!.Code);
        Assert.Empty(await db.Get<StoreDbContext>(scope).Settings.ToListAsync());
    }
}
