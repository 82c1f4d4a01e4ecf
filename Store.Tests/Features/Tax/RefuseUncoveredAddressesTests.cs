using Microsoft.EntityFrameworkCore;
using Store.Domain.Checkout;
using Store.Domain.Ordering;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Features.Tax;

public class RefuseUncoveredAddressesTests(RefuseUncoveredAddressesTests.RefusingStore db) : IClassFixture<RefuseUncoveredAddressesTests.RefusingStore>
{
    [Fact]
    public async Task PlaceOrder_WhenTheOwnerRefusesUncoveredAddresses_RefusesWithAMessageAndPlacesNothing()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, 3);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await using var scope = db.Scope();
        var cart = await db.Get<CartService>(scope).GetAsync(new CartOwner(cartId, null));

        var quote = await db.Get<CheckoutTotalsService>(scope).QuoteAsync(cart.Lines, new Destination("US", "PR", "00901"), null);
        var placed = await db.Get<CheckoutService>(scope).PlaceOrderAsync(
            new CartOwner(cartId, null), new CheckoutDetails("pr@example.com", "Ana Ruiz", "1 Calle Luna", null, "San Juan", "PR", "00901", "US"));
        var covered = await db.Get<CheckoutTotalsService>(scope).QuoteAsync(cart.Lines, new Destination("US", "IL", "60601"), null);

        Assert.Equal(CheckoutTotalsService.UncoveredAddressCode, quote.Error?.Code);
        Assert.Equal(CheckoutTotalsService.UncoveredAddressMessage, placed.Error?.Message);
        Assert.False(await db.Get<StoreDbContext>(scope).Orders.AnyAsync(o => o.Email == "pr@example.com"));
        Assert.True(covered.IsSuccess);
    }

    public sealed class RefusingStore : DatabaseFixture
    {
        protected override Task<IReadOnlyDictionary<string, string?>?> SettingsAsync() =>
            Task.FromResult<IReadOnlyDictionary<string, string?>?>(new Dictionary<string, string?> { ["Store:Tax:RefuseUncoveredAddresses"] = "true" });
    }
}
