using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;
using Store.Tests.Support;

namespace Store.Tests.Features.Cart;

public class CartServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Add_WhenGuestHasNoCart_CreatesOneAndPricesTheLine()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10);
        await using var scope = db.Scope();

        var view = (await db.Get<CartService>(scope).AddAsync(new CartOwner(null, null), variantId, 2)).Value;

        Assert.NotNull(view.Id);
        var line = Assert.Single(view.Lines);
        Assert.Equal(2, line.Quantity);
        Assert.Equal(line.UnitPriceMinor * 2, view.Totals.SubtotalMinor);
        Assert.Equal(view.Totals.SubtotalMinor + view.Totals.ShippingMinor, view.Totals.TotalMinor);
    }

    [Fact]
    public async Task Add_WhenMoreThanIsInStock_RefusesWithTheAvailableCount()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 3, skip: 1);
        await using var scope = db.Scope();

        var result = await db.Get<CartService>(scope).AddAsync(new CartOwner(null, null), variantId, 4);

        Assert.Equal("cart.stock", result.Error!.Code);
        Assert.Contains("only 3 left", result.Error.Message);
    }

    [Fact]
    public async Task Add_WhenVariantDoesNotExist_ReportsNotFound()
    {
        await using var scope = db.Scope();
        Assert.Equal("cart.variant", (await db.Get<CartService>(scope).AddAsync(new CartOwner(null, null), 999_999, 1)).Error!.Code);
    }

    [Fact]
    public async Task Add_WhenTheAccountWasDeletedMeanwhile_RefusesWithoutACart()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5, skip: 3);
        var deleted = Guid.NewGuid().ToString();
        await using var scope = db.Scope();

        var result = await db.Get<CartService>(scope).AddAsync(new CartOwner(null, deleted), variantId, 1);

        Assert.Equal("cart.account-gone", result.Error?.Code);
        Assert.False(await db.Get<StoreDbContext>(scope).Carts.AnyAsync(c => c.CustomerId == deleted));
    }

    [Fact]
    public async Task Add_WhenTheSameCartIsChangedConcurrently_KeepsEveryUnit()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 90, skip: 2);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var scope = db.Scope();
            return await db.Get<CartService>(scope).AddAsync(new CartOwner(cartId, null), variantId, 1);
        }));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        await using var check = db.Scope();
        Assert.Equal(4, (await db.Get<CartService>(check).GetAsync(new CartOwner(cartId, null))).ItemCount);
    }

    [Fact]
    public async Task MergeGuestCart_WhenCustomerSignsIn_MovesTheGuestLinesIntoTheirCart()
    {
        var tee = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 3);
        var mug = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 4);
        await using var scope = db.Scope();
        var users = db.Get<UserManager<StoreUser>>(scope);
        var user = new StoreUser { UserName = "merge@example.com", Email = "merge@example.com", CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, "Merge-Pass1")).Succeeded);
        var carts = db.Get<CartService>(scope);
        await carts.AddAsync(new CartOwner(null, user.Id), tee, 1);
        var guestCart = await StoreScenario.GuestCartWithAsync(db, tee, 2);
        await using (var s = db.Scope())
        {
            await db.Get<CartService>(s).AddAsync(new CartOwner(guestCart, null), mug, 1);
        }

        await carts.MergeGuestCartAsync(guestCart, user.Id);

        var mine = await carts.GetAsync(new CartOwner(null, user.Id));
        Assert.Equal(3, mine.Lines.Single(l => l.VariantId == tee).Quantity);
        Assert.Equal(1, mine.Lines.Single(l => l.VariantId == mug).Quantity);
        Assert.True((await carts.GetAsync(new CartOwner(guestCart, null))).IsEmpty);
    }

    [Fact]
    public async Task Review_WhenStockAndPriceChangedSinceAdding_CapsTheLineAndSaysWhy()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 4, skip: 5);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 3);
        await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 3), "faster@example.com");
        await using (var scope = db.Scope())
        {
            var admin = db.Get<ProductAdminService>(scope);
            var productId = await db.Get<StoreDbContext>(scope).Variants.Where(v => v.Id == variantId).Select(v => v.ProductId).SingleAsync();
            var edit = (await admin.GetForEditAsync(productId))!;
            var prices = edit.Variants.Select(v => v.Id == variantId ? v with { PriceMinor = v.PriceMinor + 500 } : v).ToList();
            Assert.True((await admin.UpdateAsync(edit with { Variants = prices }, "staff")).IsSuccess);
        }

        await using var review = db.Scope();
        var carts = db.Get<CartService>(review);
        var view = await carts.ReviewAsync(new CartOwner(cartId, null));

        Assert.Equal(1, view.Lines.Single().Quantity);
        Assert.Equal(2, view.Notices.Count);
        Assert.Contains(view.Notices, n => n.Contains("Only 1 of"));
        Assert.Contains(view.Notices, n => n.Contains("changed from"));
        Assert.Empty((await carts.ReviewAsync(new CartOwner(cartId, null))).Notices);
    }

    [Fact]
    public async Task Review_WhenTheProductIsWithdrawn_DropsTheLine()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 4, skip: 6);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var productId = await context.Variants.Where(v => v.Id == variantId).Select(v => v.ProductId).SingleAsync();
        await context.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsPublished, false));

        var view = await db.Get<CartService>(scope).ReviewAsync(new CartOwner(cartId, null));

        Assert.True(view.IsEmpty);
        Assert.Contains(view.Notices, n => n.Contains("no longer sold"));
    }
}
