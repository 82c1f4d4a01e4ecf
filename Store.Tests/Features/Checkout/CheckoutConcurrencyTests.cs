using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Tests.Support;

namespace Store.Tests.Features.Checkout;

public class CheckoutConcurrencyTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task PlaceOrder_When50BuyersRaceFor10Units_Exactly10OrdersHoldStock()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10);
        var carts = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            // Carts are filled first (each buyer saw one unit available); the race is at checkout.
            carts.Add(await StoreScenario.GuestCartWithAsync(db, variantId, 1));
        }

        var results = await Task.WhenAll(carts.Select(async (cartId, i) =>
        {
            await using var scope = db.Scope();
            return await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(cartId, null), StoreScenario.Shopper($"buyer{i}@example.com"));
        }));

        Assert.Equal(10, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("stock.insufficient", r.Error!.Code));
        Assert.Equal((10, 10), await StoreScenario.StockAsync(db, variantId));
        Assert.Equal(10, await StoreScenario.ActiveReservedAsync(db, variantId));

        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        Assert.Equal(10, await context.Orders.CountAsync(o => o.Items.Any(i => i.VariantId == variantId)));
        Assert.Empty(await db.Get<IntegrityMonitor>(scope).CheckAsync());
    }

    [Fact]
    public async Task PlaceOrder_WritesOrderPlacedToTheOutboxOnlyWhenTheOrderCommits()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 1, skip: 3);
        var first = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        var second = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        var placed = await StoreScenario.PlaceAsync(db, first);

        await using var scope = db.Scope();
        var refused = await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(second, null), StoreScenario.Shopper("late@example.com"));

        Assert.False(refused.IsSuccess);
        var messages = await db.Get<StoreDbContext>(scope).OutboxMessages.AsNoTracking().Where(m => m.Type == "order.placed").ToListAsync();
        Assert.Single(messages, m => m.Payload.Contains(placed.OrderId.ToString()));
        Assert.DoesNotContain(messages, m => m.Payload.Contains("late@example.com"));
    }

    [Fact]
    public async Task PlaceOrder_WhenTheSameCartIsSubmittedConcurrently_MakesOneOrder()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 50, skip: 1);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = db.Scope();
            return await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(cartId, null), StoreScenario.Shopper());
        }));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        Assert.Single(results.Select(r => r.Value.OrderId).Distinct());
        Assert.Equal((50, 2), await StoreScenario.StockAsync(db, variantId));
    }

    [Fact]
    public async Task PlaceOrder_WhenTheCartChangedAfterAnEarlierOrder_ReplacesItAndReleasesItsStock()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 20, skip: 2);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 2);
        var first = await StoreScenario.PlaceAsync(db, cartId);

        await using (var scope = db.Scope())
        {
            await db.Get<CartService>(scope).SetQuantityAsync(new CartOwner(cartId, null), variantId, 5);
        }

        var second = await StoreScenario.PlaceAsync(db, cartId);

        Assert.NotEqual(first.OrderId, second.OrderId);
        Assert.Equal((20, 5), await StoreScenario.StockAsync(db, variantId));
        await using var check = db.Scope();
        var orders = db.Get<StoreDbContext>(check).Orders.AsNoTracking();
        Assert.Equal(OrderStatus.Cancelled, (await orders.SingleAsync(o => o.Id == first.OrderId)).Status);
        Assert.Equal(OrderStatus.AwaitingPayment, (await orders.SingleAsync(o => o.Id == second.OrderId)).Status);
    }

    [Fact]
    public async Task PlaceOrder_WhenCartIsEmpty_FailsAndWritesNothing()
    {
        await using var scope = db.Scope();
        var before = await db.Get<StoreDbContext>(scope).Orders.CountAsync();
        var result = await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(Guid.NewGuid(), null), StoreScenario.Shopper());
        Assert.Equal("checkout.empty", result.Error!.Code);
        Assert.Equal(before, await db.Get<StoreDbContext>(scope).Orders.CountAsync());
    }
}
