using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Settings;
using Store.Tests.Support;

namespace Store.Tests.Features.Settings;

public class SettingsServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task SaveAsync_ChangesWhatEveryServiceReadsAtOnce_AndAuditsIt()
    {
        await using (var scope = db.Scope())
        {
            var saved = await db.Get<SettingsService>(scope).SaveAsync(
                new Dictionary<string, string?> { [SettingKeys.Name] = "Harbor Goods", [SettingKeys.AddressCity] = "Bangor", [SettingKeys.AddressRegion] = "me" },
                "owner@store.local");
            Assert.Equal(3, saved.Value);
        }

        await using (var scope = db.Scope())
        {
            var shop = db.Get<IOptions<ShopOptions>>(scope).Value;
            Assert.Equal(("Harbor Goods", "Bangor", "ME"), (shop.Name, shop.Address.City, shop.Address.Region));
            var view = await db.Get<SettingsService>(scope).ListAsync();
            Assert.Equal(SettingSource.Database, view.Single(s => s.Key == SettingKeys.Name).Source);
            var audit = await db.Get<StoreDbContext>(scope).AuditLog.AsNoTracking().SingleAsync(a => a.Action == "settings.changed");
            Assert.Equal("owner@store.local", audit.Actor);
            Assert.Contains("Harbor Goods", audit.Details);
        }
    }

    [Fact]
    public async Task SaveAsync_WhenTheResultWouldBeInvalid_ChangesNothing()
    {
        await using var scope = db.Scope();
        var settings = db.Get<SettingsService>(scope);

        var badEmail = await settings.SaveAsync(new Dictionary<string, string?> { [SettingKeys.ContactEmail] = "nobody" }, "owner");
        var currency = await settings.SaveAsync(new Dictionary<string, string?> { [SettingKeys.Currency] = "EUR" }, "owner");

        Assert.Equal("store.contact-email", badEmail.Error!.Code);
        Assert.Equal("settings.currency", currency.Error!.Code);
        Assert.False(await db.Get<StoreDbContext>(scope).Settings.AnyAsync(s => s.Key == SettingKeys.ContactEmail || s.Key == SettingKeys.Currency));
    }
}
