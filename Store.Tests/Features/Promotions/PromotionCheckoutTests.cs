using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Domain.Promotions;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Data.DemoData;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Promotions;
using Store.Tests.Support;

namespace Store.Tests.Features.Promotions;

public class PromotionCheckoutTests(DatabaseFixture db, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task PlaceOrder_WhenACodeLimitedTo5Meets30ConcurrentCheckouts_ExactlyFiveOrdersUseIt()
    {
        var promotionId = await CreateAsync(new PromotionInput { Name = "Race 10 % off", Code = "RACE5", Kind = BenefitKind.PercentOff, Percent = 10m, UsageLimit = 5 });
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 30, skip: 10);
        var carts = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            // Every shopper applied the code while it still had uses left; the race is at checkout.
            var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
            Assert.True((await ApplyAsync(cartId, "race5")).IsSuccess);
            carts.Add(cartId);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = await Task.WhenAll(carts.Select(async (cartId, i) =>
        {
            await using var scope = db.Scope();
            return await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(cartId, null), StoreScenario.Shopper($"racer{i}@example.com"));
        }));
        output.WriteLine($"30 checkouts in {clock.ElapsedMilliseconds} ms: {string.Join(", ", results.GroupBy(r => r.Error?.Code ?? "placed").Select(g => $"{g.Key} {g.Count()}"))}");

        Assert.Equal(5, results.Count(r => r.IsSuccess));
        // Refused when counting the use, or (when the last use was taken before this checkout even quoted) by the
        // quote itself: either way no order, and the reason says the code ran out.
        Assert.All(results.Where(r => !r.IsSuccess), r =>
        {
            Assert.Contains(r.Error!.Code, new[] { "promotion.limit", "promotion.code.limit" });
            Assert.Contains("usage limit", r.Error.Message);
        });
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        Assert.Equal(5, (await context.Promotions.AsNoTracking().SingleAsync(p => p.Id == promotionId)).Used);
        Assert.Equal(5, await context.PromotionRedemptions.CountAsync(r => r.PromotionId == promotionId && r.ReleasedAt == null));
        var orders = await context.Orders.AsNoTracking().Include(o => o.Items).Where(o => o.Items.Any(i => i.VariantId == variantId)).ToListAsync();
        Assert.Equal(5, orders.Count);
        Assert.All(orders, o => Assert.True(o.Items.Single().DiscountMinor > 0));
        Assert.Equal((30, 5), await StoreScenario.StockAsync(db, variantId));
        Assert.Empty(await db.Get<IntegrityMonitor>(scope).CheckAsync());

        // A shopper who lost the race sees why on the next quote, and the total without the code.
        var loser = carts[results.ToList().FindIndex(r => !r.IsSuccess)];
        var view = await db.Get<CartService>(scope).GetAsync(new CartOwner(loser, null));
        Assert.Equal("promotion.code.limit", Assert.Single(view.Quote.RejectedCodes).Code);
        Assert.Equal(0, view.Quote.DiscountMinor);
    }

    [Fact]
    public async Task PlaceOrder_WithWelcome10_KeepsEachLinesDiscountAndThePromotionOnTheOrder()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 11);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 2);
        var applied = await ApplyAsync(cartId, DemoPromotions.WelcomeCode);

        var placed = await StoreScenario.PlaceAsync(db, cartId, "welcome@example.com");

        Assert.True(applied.IsSuccess, applied.Error?.Message);
        var line = applied.Value.Lines.Single();
        var discount = Assert.Single(applied.Value.Quote.DiscountLines);
        Assert.Equal("WELCOME10: Welcome 10 % off", discount.Label);
        Assert.Equal((line.LineTotalMinor + 5) / 10, discount.AmountMinor);
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var order = await context.Orders.AsNoTracking().Include(o => o.Items).SingleAsync(o => o.Id == placed.OrderId);
        var item = order.Items.Single();
        Assert.Equal(discount.AmountMinor, item.DiscountMinor);
        Assert.Equal(line.LineTotalMinor - discount.AmountMinor, item.LineTotalMinor);
        Assert.Equal("WELCOME10: Welcome 10 % off", item.DiscountNote);
        Assert.Equal(item.LineTotalMinor, order.SubtotalMinor);
        var redemption = await context.PromotionRedemptions.AsNoTracking().SingleAsync(r => r.OrderId == placed.OrderId);
        Assert.Equal((DemoPromotions.WelcomeCode, discount.AmountMinor, "welcome@example.com"), (redemption.Code, redemption.AmountMinor, redemption.Email));
    }

    [Fact]
    public async Task PlaceOrder_WhenTheShopperAlreadyUsedAOncePerCustomerCode_IsRefusedButAnotherShopperMayUseIt()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 12);
        var first = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await ApplyAsync(first, DemoPromotions.WelcomeCode);
        await StoreScenario.PlaceAsync(db, first, "Once@Example.com");
        var again = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await ApplyAsync(again, DemoPromotions.WelcomeCode);

        await using var scope = db.Scope();
        var refused = await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(again, null), StoreScenario.Shopper("once@example.com"));
        var other = await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(again, null), StoreScenario.Shopper("someone.else@example.com"));

        Assert.Equal("promotion.customer-limit", refused.Error?.Code);
        Assert.True(other.IsSuccess, other.Error?.Message);
    }

    [Fact]
    public async Task CancelUnpaidOrder_GivesItsUseBack()
    {
        var promotionId = await CreateAsync(new PromotionInput { Name = "Five off", Code = "ONLYONE", Kind = BenefitKind.AmountOff, Amount = 5m, UsageLimit = 1 });
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 13);
        var first = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await ApplyAsync(first, "ONLYONE");
        var placed = await StoreScenario.PlaceAsync(db, first, "first@example.com");
        var second = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        var whileUsed = await ApplyAsync(second, "ONLYONE");

        await using var scope = db.Scope();
        Assert.True((await db.Get<OrderAdminService>(scope).CancelAsync(placed.OrderId, "staff@example.com", "Customer asked")).IsSuccess);
        var afterCancel = await ApplyAsync(second, "ONLYONE");
        var reused = await StoreScenario.PlaceAsync(db, second, "second@example.com");

        Assert.Equal("promotion.code.limit", whileUsed.Error?.Code);
        Assert.True(afterCancel.IsSuccess, afterCancel.Error?.Message);
        var context = db.Get<StoreDbContext>(scope);
        Assert.Equal(1, (await context.Promotions.AsNoTracking().SingleAsync(p => p.Id == promotionId)).Used);
        var redemptions = await context.PromotionRedemptions.AsNoTracking().Where(r => r.PromotionId == promotionId).ToListAsync();
        Assert.NotNull(redemptions.Single(r => r.OrderId == placed.OrderId).ReleasedAt);
        Assert.Null(redemptions.Single(r => r.OrderId == reused.OrderId).ReleasedAt);
    }

    [Fact]
    public async Task ReservationExpiry_WhenAnOrderWithACodeIsNotPaidInTime_GivesTheUseBack()
    {
        var promotionId = await CreateAsync(new PromotionInput { Name = "Expiring", Code = "EXPIRYUSE", Kind = BenefitKind.PercentOff, Percent = 10m, UsageLimit = 3 });
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 17);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await ApplyAsync(cartId, "EXPIRYUSE");
        var placed = await StoreScenario.PlaceAsync(db, cartId, "late-payer@example.com");

        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        await context.Database.ExecuteSqlAsync($"UPDATE stock_reservations SET expires_at = now() - interval '1 hour' WHERE order_id = {placed.OrderId}");
        await db.Get<Store.Infrastructure.Inventory.ReservationExpiryService>(scope).ReleaseExpiredAsync();

        Assert.Equal(OrderStatus.Cancelled, (await context.Orders.AsNoTracking().SingleAsync(o => o.Id == placed.OrderId)).Status);
        Assert.Equal(0, (await context.Promotions.AsNoTracking().SingleAsync(p => p.Id == promotionId)).Used);
        Assert.NotNull((await context.PromotionRedemptions.AsNoTracking().SingleAsync(r => r.OrderId == placed.OrderId)).ReleasedAt);
    }

    [Fact]
    public async Task PlaceOrder_WhenTheCartChangesAfterAnOrderUsedTheLastUse_TheNewOrderStillGetsIt()
    {
        var promotionId = await CreateAsync(new PromotionInput { Name = "Last one", Code = "LASTONE", Kind = BenefitKind.PercentOff, Percent = 20m, UsageLimit = 1 });
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 14);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 1);
        await ApplyAsync(cartId, "LASTONE");
        var first = await StoreScenario.PlaceAsync(db, cartId);
        await using (var scope = db.Scope())
        {
            await db.Get<CartService>(scope).SetQuantityAsync(new CartOwner(cartId, null), variantId, 2);
        }

        var second = await StoreScenario.PlaceAsync(db, cartId);

        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        Assert.Equal(OrderStatus.Cancelled, (await context.Orders.AsNoTracking().SingleAsync(o => o.Id == first.OrderId)).Status);
        Assert.Equal(1, (await context.Promotions.AsNoTracking().SingleAsync(p => p.Id == promotionId)).Used);
        Assert.True((await context.OrderItems.AsNoTracking().SingleAsync(i => i.OrderId == second.OrderId)).DiscountMinor > 0);
    }

    [Theory]
    [InlineData("NOSUCHCODE", "promotion.code.unknown", "does not exist")]
    [InlineData("EXPIRED", "promotion.code.inactive", "has expired")]
    [InlineData("BIGSPEND", "promotion.code.minimum", "at least")]
    public async Task ApplyCode_WhenTheCodeGivesNothing_LeavesTheCartAndSaysWhy(string code, string error, string words)
    {
        await EnsureAsync("EXPIRED", new PromotionInput { Name = "Old sale", Code = "EXPIRED", Kind = BenefitKind.PercentOff, Percent = 5m, StartsAt = new DateTime(2020, 1, 1), EndsAt = new DateTime(2020, 2, 1) });
        await EnsureAsync("BIGSPEND", new PromotionInput { Name = "Big spender", Code = "BIGSPEND", Kind = BenefitKind.AmountOff, Amount = 50m, MinimumSubtotal = 10000m });
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 15);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 1);

        var result = await ApplyAsync(cartId, code);

        Assert.Equal(error, result.Error?.Code);
        Assert.Contains(words, result.Error!.Message);
        await using var scope = db.Scope();
        Assert.Empty((await db.Get<CartService>(scope).GetAsync(new CartOwner(cartId, null))).Codes);
    }

    [Fact]
    public async Task Quote_WithTheDemoFreeShippingOver150_TakesTheShippingOffAsANamedLine()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 40, skip: 16);
        await using var scope = db.Scope();
        var carts = db.Get<CartService>(scope);
        var view = await carts.GetAsync(new CartOwner(await StoreScenario.GuestCartWithAsync(db, variantId, 1), null));
        var quantity = (int)(DemoPromotions.FreeShippingOverMinor / view.Lines[0].UnitPriceMinor) + 1;
        var big = await carts.GetAsync(new CartOwner(await StoreScenario.GuestCartWithAsync(db, variantId, quantity), null));

        var quote = (await db.Get<CheckoutTotalsService>(scope).QuoteAsync(big.Lines, new Store.Domain.Checkout.Destination("US", "OR", "97201"), "ups-2day", big.Codes)).Value;

        Assert.Empty(view.Quote.DiscountLines);
        var line = Assert.Single(quote.DiscountLines);
        Assert.Equal(("Free shipping over $150", 1999L, true), (line.Label, line.AmountMinor, line.OnShipping));
        Assert.Equal(0, quote.Totals.ShippingMinor);
    }

    [Fact]
    public async Task ApplyCode_ForFreeShippingWhenTheEstimateShipsFree_KeepsItForAPaidMethodAtCheckout()
    {
        await CreateAsync(new PromotionInput { Name = "Free shipping", Code = "SHIPFREE", Kind = BenefitKind.FreeShipping });
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 40, skip: 18);
        await using var scope = db.Scope();
        var price = (await db.Get<StoreDbContext>(scope).Variants.AsNoTracking().SingleAsync(v => v.Id == variantId)).PriceMinor;
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, (int)(7500 / price) + 1);

        var applied = await ApplyAsync(cartId, "SHIPFREE");
        var quote = (await db.Get<CheckoutTotalsService>(scope).QuoteAsync(applied.Value.Lines, new Store.Domain.Checkout.Destination("US", "OR", "97201"), "ups-2day", applied.Value.Codes, cartId)).Value;

        Assert.True(applied.IsSuccess, applied.Error?.Message);
        Assert.Equal(0, applied.Value.Quote.DiscountMinor);
        Assert.Equal(1999, Assert.Single(quote.DiscountLines).AmountMinor);
    }

    private async Task<int> CreateAsync(PromotionInput input)
    {
        await using var scope = db.Scope();
        var saved = await db.Get<PromotionAdminService>(scope).SaveAsync(null, input, "test");
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        return saved.Value;
    }

    private async Task EnsureAsync(string code, PromotionInput input)
    {
        await using var scope = db.Scope();
        if (!await db.Get<StoreDbContext>(scope).Promotions.AnyAsync(p => p.Code == code))
        {
            await CreateAsync(input);
        }
    }

    private async Task<Store.Domain.Common.Result<CartView>> ApplyAsync(Guid cartId, string code)
    {
        await using var scope = db.Scope();
        return await db.Get<CartService>(scope).ApplyCodeAsync(new CartOwner(cartId, null), code);
    }
}
