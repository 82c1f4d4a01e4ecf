using Microsoft.AspNetCore.Identity;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Identity;
using Store.Tests.Support;

namespace Store.Tests.Features.Cart;

public class CartCountQueriesTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task ItemCount_WhenVisitorHasNoCart_IsZero()
    {
        await using var scope = db.Scope();

        Assert.Equal(0, await db.Get<CartCountQueries>(scope).ItemCountAsync(new CartOwner(null, null)));
        Assert.Equal(0, await db.Get<CartCountQueries>(scope).ItemCountAsync(new CartOwner(Guid.NewGuid(), null)));
    }

    [Fact]
    public async Task ItemCount_WhenGuestCartHasLines_IsTheUnitsTheCartViewCounts()
    {
        var tee = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 1);
        var mug = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 2);
        var cart = await StoreScenario.GuestCartWithAsync(db, tee, 2);
        await using (var add = db.Scope())
        {
            Assert.True((await db.Get<CartService>(add).AddAsync(new CartOwner(cart, null), mug, 3)).IsSuccess);
        }

        await using var scope = db.Scope();
        var count = await db.Get<CartCountQueries>(scope).ItemCountAsync(new CartOwner(cart, null));

        Assert.Equal(5, count);
        Assert.Equal((await db.Get<CartService>(scope).GetAsync(new CartOwner(cart, null))).ItemCount, count);
    }

    [Fact]
    public async Task ItemCount_WhenSignedIn_CountsTheAccountsCartNotTheGuestCookiesOne()
    {
        var tee = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 3);
        var guestCart = await StoreScenario.GuestCartWithAsync(db, tee, 4);
        await using var scope = db.Scope();
        var users = db.Get<UserManager<StoreUser>>(scope);
        var user = new StoreUser { UserName = "count@example.com", Email = "count@example.com", CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, "Count-Pass1")).Succeeded);
        Assert.True((await db.Get<CartService>(scope).AddAsync(new CartOwner(null, user.Id), tee, 1)).IsSuccess);

        var count = await db.Get<CartCountQueries>(scope).ItemCountAsync(new CartOwner(guestCart, user.Id));

        Assert.Equal(1, count);
    }
}
