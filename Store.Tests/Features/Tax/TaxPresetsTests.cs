using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;
using Store.Infrastructure.Tax;
using Store.Tests.Support;

namespace Store.Tests.Features.Tax;

public class TaxPresetsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public void For_WhenUs_GivesEveryStateAndDcOnce()
    {
        var states = TaxPresets.For("us").Select(p => p.Region).ToList();

        Assert.Equal(51, states.Count);
        Assert.Equal(51, states.Distinct().Count());
        Assert.Contains("DC", states);
        Assert.All(TaxPresets.For("US").Where(p => p.Standard == 0m), p => Assert.Contains("no state sales tax", p.Name));
        Assert.Equal(["AK", "DE", "MT", "NH", "OR"], TaxPresets.For("US").Where(p => p.Standard == 0m).Select(p => p.Region).Order());
    }

    [Fact]
    public void For_WhenEuCountryOrUk_GivesAllMemberStatesOrUkVat()
    {
        Assert.Equal(27, TaxPresets.For("FR").Count);
        Assert.Equal(27, TaxPresets.For("DE").Select(p => p.Country).Distinct().Count());
        Assert.Equal([("GB", 20m, 5m)], TaxPresets.For("GB").Select(p => (p.Country, p.Standard, p.Reduced)));
        Assert.Empty(TaxPresets.For("JP"));
        Assert.All(TaxPresets.For("IT"), p => Assert.True(p.Reduced <= p.Standard && p.TaxesShipping));
    }

    [Fact]
    public async Task ApplyAsync_WhenAppliedTwice_ChangesNothingTheSecondTime()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        await context.TaxZones.Where(z => z.Country == "GB").ExecuteDeleteAsync();

        var first = await TaxPresets.ApplyAsync(context, "GB", CancellationToken.None);
        var second = await TaxPresets.ApplyAsync(context, "GB", CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Equal(20m, (await context.TaxZones.SingleAsync(z => z.Country == "GB")).StandardRate);
    }

    [Fact]
    public async Task ApplyAsync_WhenAPresetZoneWasEdited_PutsThePresetRateBackAndCountsIt()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        await context.Database.ExecuteSqlRawAsync("UPDATE tax_zones SET standard_rate = 1, reduced_rate = 1 WHERE country = 'US' AND region = 'IL'");

        var changed = await TaxPresets.ApplyAsync(context, "US", "USD", CancellationToken.None);

        Assert.Equal(1, changed);
        Assert.Equal(6.25m, (await context.TaxZones.AsNoTracking().SingleAsync(z => z.Country == "US" && z.Region == "IL")).StandardRate);
    }

    [Fact]
    public async Task ApplyAsync_WhenTheStoreHasNoShipping_AddsHomeAndEuShippingInTheGivenCurrency()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        await context.Database.ExecuteSqlRawAsync("DELETE FROM shipping_methods; DELETE FROM shipping_zones;");

        var changed = await TaxPresets.ApplyAsync(context, "NL", "EUR", CancellationToken.None);

        var zones = await context.ShippingZones.AsNoTracking().OrderBy(z => z.Id).ToListAsync();
        var methods = await context.ShippingMethods.AsNoTracking().ToListAsync();
        Assert.Equal(["eu", "nl"], zones.Select(z => z.Id));
        Assert.Equal(26, zones[0].Areas.Count);
        Assert.All(methods, m => Assert.Equal("EUR", m.Currency));
        Assert.Equal(zones.Count + methods.Count, changed);
        Assert.Equal(0, await TaxPresets.ApplyAsync(context, "NL", "EUR", CancellationToken.None));
    }
}
