using Microsoft.EntityFrameworkCore;
using Store.Domain.Checkout;
using Store.Domain.Tax;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Tax;
using Store.Tests.Support;

namespace Store.Tests.Features.Tax;

public class TaxAdminServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string Staff = "staff@store.local";

    [Fact]
    public async Task SaveZone_ANewStateRate_TaxesTheNextQuoteThere()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, 3);
        await using var scope = db.Scope();
        var cart = await db.Get<CartService>(scope).GetAsync(new CartOwner(await StoreScenario.GuestCartWithAsync(db, variantId, 1), null));
        var totals = db.Get<CheckoutTotalsService>(scope);
        var maine = new Destination("US", "ME", "04101");
        var context = db.Get<StoreDbContext>(scope);
        context.TaxZones.Remove(await context.TaxZones.SingleAsync(z => z.Country == "US" && z.Region == "ME"));
        await context.SaveChangesAsync();
        var before = (await totals.QuoteAsync(cart.Lines, maine, null)).Value;

        var errors = await db.Get<TaxAdminService>(scope).SaveZoneAsync(null, new TaxZoneInput("Maine sales tax", "us", "me", null, 5.5m, 5.5m, 0m, false), Staff);
        var after = (await totals.QuoteAsync(cart.Lines, maine, null)).Value;

        Assert.Empty(errors);
        Assert.Equal(0, before.Totals.TaxMinor);
        Assert.True(after.Totals.TaxMinor > 0);
        Assert.Contains(after.TaxBreakdown, l => l.ZoneName == "Maine sales tax" && l.Rate.Value == 5.5m);
    }

    [Fact]
    public async Task SaveZone_WhenTheFormIsWrongOrTheAreaIsTaken_AnswersPerField()
    {
        await using var scope = db.Scope();
        var admin = db.Get<TaxAdminService>(scope);

        var wrong = await admin.SaveZoneAsync(null, new TaxZoneInput("", "USA", null, null, 120m, -1m, 0.00001m, false), Staff);
        var taken = await admin.SaveZoneAsync(null, new TaxZoneInput("California again", "US", "CA", null, 8m, 8m, 0m, false), Staff);

        Assert.Equal(["Country", "Name", "ReducedRate", "StandardRate", "ZeroRate"], wrong.Keys.Order());
        Assert.True(taken.ContainsKey("Country"));
        Assert.Single(await db.Get<StoreDbContext>(scope).TaxZones.Where(z => z.Country == "US" && z.Region == "CA").ToListAsync());
    }

    [Fact]
    public async Task SetTaxClassAndWeight_ChangeTheProductAndAreAudited_AndABadWeightIsRefused()
    {
        await using var scope = db.Scope();
        var admin = db.Get<TaxAdminService>(scope);
        var product = (await admin.ProductsAsync(null, 1))[0];
        var variant = product.Variants[0];

        Assert.True((await admin.SetTaxClassAsync(product.ProductId, TaxClass.Reduced, Staff)).IsSuccess);
        Assert.True((await admin.SetWeightAsync(variant.VariantId, 1234, Staff)).IsSuccess);
        Assert.Equal("catalog.weight", (await admin.SetWeightAsync(variant.VariantId, -5, Staff)).Error!.Code);

        var after = (await admin.ProductsAsync(product.Name, 5)).Single(p => p.ProductId == product.ProductId);
        Assert.Equal(TaxClass.Reduced, after.TaxClass);
        Assert.Equal(1234, after.Variants[0].WeightGrams);
        var context = db.Get<StoreDbContext>(scope);
        Assert.True(await context.AuditLog.AnyAsync(a => a.Action == "variant.weight" && a.Actor == Staff));
    }
}
