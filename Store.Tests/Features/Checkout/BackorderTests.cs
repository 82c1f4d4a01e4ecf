using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Tests.Support;

namespace Store.Tests.Features.Checkout;

public class BackorderTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task PlaceOrder_WhenTheProductAllowsBackorders_HoldsWhatIsInStockAndBackordersTheRest()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 2);
        await AllowBackordersAsync(variantId);
        var cart = await StoreScenario.GuestCartWithAsync(db, variantId, 5);

        var placed = await StoreScenario.PlaceAsync(db, cart);

        await using var scope = db.Scope();
        var item = await db.Get<StoreDbContext>(scope).OrderItems.AsNoTracking().SingleAsync(i => i.OrderId == placed.OrderId);
        Assert.Equal((5, 3), (item.Quantity, item.BackorderedQuantity));
        Assert.Equal((2, 2), await StoreScenario.StockAsync(db, variantId));
        Assert.Empty(await db.Get<IntegrityMonitor>(scope).CheckAsync());
        Assert.Empty((await db.Get<CartService>(scope).ReviewAsync(new CartOwner(cart, null))).Notices);
    }

    [Fact]
    public async Task AddToCart_WhenTheProductDoesNotAllowBackorders_RefusesMoreThanIsInStock()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 2, skip: 200);
        await using var scope = db.Scope();
        Assert.Equal("cart.stock", (await db.Get<CartService>(scope).AddAsync(new CartOwner(null, null), variantId, 3)).Error!.Code);
    }

    private async Task AllowBackordersAsync(int variantId)
    {
        await using var scope = db.Scope();
        var admin = db.Get<Store.Infrastructure.Catalog.ProductAdminService>(scope);
        var productId = await db.Get<StoreDbContext>(scope).Variants.Where(v => v.Id == variantId).Select(v => v.ProductId).SingleAsync();
        var edit = (await admin.GetForEditAsync(productId))!;
        Assert.True((await admin.UpdateAsync(edit with { AllowBackorders = true }, "staff")).IsSuccess);
    }
}
