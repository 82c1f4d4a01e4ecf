using Store.Domain.Checkout;
using Store.Domain.Shipping;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Shipping;
using Store.Tests.Support;

namespace Store.Tests.Features.Shipping;

public class ShippingAdminServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string Staff = "staff@store.local";

    [Fact]
    public async Task SaveMethod_FreeOverAThreshold_IsOfferedAtCheckoutWithItsEstimate()
    {
        await using var scope = db.Scope();
        var admin = db.Get<ShippingAdminService>(scope);
        Assert.Empty(await admin.SaveZoneAsync(true, new ShippingZoneInput("ca", "Canada", "CA"), Staff));
        Assert.Empty(await admin.SaveMethodAsync(true, new ShippingMethodInput("canada-post", "Canada Post", "Expedited", "ca", RateKind.WeightTable, 0, "2000 = 1500\n10000 = 2900", 1, 4, 8), Staff));

        var cart = await db.Get<CartService>(scope).GetAsync(new CartOwner(await StoreScenario.GuestCartWithAsync(db, await StoreScenario.VariantWithStockAsync(db, 3), 1), null));
        var quote = await db.Get<CheckoutTotalsService>(scope).QuoteAsync(cart.Lines, new Destination("CA", "ON", "K1A 0B1"), null);

        Assert.True(quote.IsSuccess, quote.Error?.Message);
        var offered = Assert.Single(quote.Value.ShippingOptions);
        Assert.Equal(("Canada Post", "Expedited", 0L), (offered.Carrier, offered.Service, offered.Price.Minor));
        Assert.Equal(new DeliveryEstimate(4, 8), offered.Estimate);
    }

    [Fact]
    public async Task SaveMethod_WhenTheFormIsWrong_AnswersPerFieldAndSavesNothing()
    {
        await using var scope = db.Scope();
        var admin = db.Get<ShippingAdminService>(scope);

        var errors = await admin.SaveMethodAsync(true, new ShippingMethodInput("Bad Id", "", "Ground", "", RateKind.WeightTable, 0, "1000 = 5\n500 = 7", -1, 5, 2), Staff);

        Assert.Equal(["Brackets", "Carrier", "FreeOverMinor", "Id", "MaxBusinessDays", "ZoneId"], errors.Keys.Order());
        Assert.DoesNotContain(await admin.MethodsAsync(), m => m.Service == "Ground" && m.Carrier == "");
    }

    [Fact]
    public async Task SaveMethod_WithTheNameOfAnotherMethodOrAnUnknownZone_IsRefused()
    {
        await using var scope = db.Scope();
        var admin = db.Get<ShippingAdminService>(scope);

        var duplicate = await admin.SaveMethodAsync(true, new ShippingMethodInput("ups-copy", "UPS", "2nd Day Air", "us", RateKind.Flat, 999, null, null, 2, 2), Staff);
        var noZone = await admin.SaveMethodAsync(true, new ShippingMethodInput("mars", "SpaceX", "Cargo", "mars", RateKind.Flat, 999, null, null, 2, 2), Staff);

        Assert.True(duplicate.ContainsKey("Service"));
        Assert.True(noZone.ContainsKey("ZoneId"));
    }

    [Fact]
    public async Task DeleteZone_WhileMethodsUseIt_IsRefused()
    {
        await using var scope = db.Scope();

        var deleted = await db.Get<ShippingAdminService>(scope).DeleteZoneAsync("us", Staff);

        Assert.Equal("shipping.zone.in_use", deleted.Error!.Code);
    }
}
