using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Infrastructure.Common;
using Store.Infrastructure.Settings;
using Store.Tests.Support;

namespace Store.Tests.Features.Settings;

public class CultureAndTaxSettingsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task SaveAsync_WithACultureAndRefusingUncoveredAddresses_AppliesBothAtOnce()
    {
        await using (var scope = db.Scope())
        {
            var saved = await db.Get<SettingsService>(scope).SaveAsync(
                new Dictionary<string, string?> { [SettingKeys.Culture] = "de-DE", [SettingKeys.RefuseUncoveredAddresses] = "true" },
                "owner@store.local");
            Assert.Equal(2, saved.Value);
        }

        await using (var scope = db.Scope())
        {
            var shop = db.Get<IOptions<ShopOptions>>(scope).Value;
            Assert.True(shop.Tax.RefuseUncoveredAddresses);
            var formatter = db.Get<MoneyFormatter>(scope);
            Assert.Equal("de-DE", formatter.Culture.Name);
            // German grouping and decimal marks, whatever the currency's symbol.
            Assert.Contains("1.234,56", formatter.Format(123_456));
            var view = await db.Get<SettingsService>(scope).ListAsync();
            Assert.Equal(SettingSource.Database, view.Single(s => s.Key == SettingKeys.Culture).Source);
            Assert.True(SettingKeys.IsSwitch(SettingKeys.RefuseUncoveredAddresses));
        }

        await using (var scope = db.Scope())
        {
            var back = await db.Get<SettingsService>(scope).SaveAsync(
                new Dictionary<string, string?> { [SettingKeys.Culture] = "", [SettingKeys.RefuseUncoveredAddresses] = "false" },
                "owner@store.local");
            Assert.Equal(2, back.Value);
        }
    }

    [Theory]
    [InlineData(SettingKeys.Culture, "xx-Nowhere", "settings.culture")]
    [InlineData(SettingKeys.RefuseUncoveredAddresses, "sometimes", "settings.refuse-uncovered")]
    public async Task SaveAsync_WithAnUnknownCultureOrNotABoolean_IsRefused(string key, string value, string code)
    {
        await using var scope = db.Scope();
        var saved = await db.Get<SettingsService>(scope).SaveAsync(new Dictionary<string, string?> { [key] = value }, "owner");

        Assert.Equal(code, saved.Error!.Code);
        Assert.Equal(ErrorKind.Invalid, saved.Error.Kind);
    }
}
