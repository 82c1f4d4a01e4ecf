using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Data;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Checkout;

public class PaymentTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string GoodCard = "4242 4242 4242 4242";
    private const string DeclinedCard = "4000 0000 0000 0002";

    [Fact]
    public async Task CompleteTestPayment_WhenApproved_LeavesOnePaidOrderOnePaymentAndLowerStock()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 7);
        var cartId = await StoreScenario.GuestCartWithAsync(db, variantId, 3);
        var order = await StoreScenario.PlaceAsync(db, cartId);
        var payment = await StartAsync(order.OrderId);

        var result = await CompleteAsync(payment.Id, GoodCard);

        Assert.Equal(PaymentStatus.Succeeded, result.Value.Status);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(db, variantId));
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var saved = await context.Orders.AsNoTracking().Include(o => o.Items).SingleAsync(o => o.Id == order.OrderId);
        Assert.Equal(OrderStatus.Paid, saved.Status);
        Assert.Equal(3, saved.Items.Single().Quantity);
        Assert.True(saved.Items.Single().UnitPriceMinor > 0);
        var payments = await context.Payments.AsNoTracking().Where(p => p.OrderId == order.OrderId).ToListAsync();
        Assert.Equal(saved.TotalMinor, Assert.Single(payments).AmountMinor);
        Assert.Equal("4242", payments[0].CardLast4);
        Assert.Empty((await db.Get<CartService>(scope).GetAsync(new CartOwner(cartId, null))).Lines);
    }

    [Fact]
    public async Task CompleteTestPayment_WhenSubmittedTenTimesConcurrently_ChargesAndTakesStockOnce()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5, skip: 1);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 2));
        var payment = await StartAsync(order.OrderId);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CompleteAsync(payment.Id, GoodCard)));

        Assert.All(results, r => Assert.Equal(PaymentStatus.Succeeded, r.Value.Status));
        Assert.Equal((3, 0), await StoreScenario.StockAsync(db, variantId));
        await using var scope = db.Scope();
        Assert.Equal(1, await db.Get<StoreDbContext>(scope).Payments.CountAsync(p => p.OrderId == order.OrderId && p.Status == PaymentStatus.Succeeded));
    }

    [Fact]
    public async Task CompleteTestPayment_WhenDeclined_KeepsTheOrderUnpaidAndItsStockHeldForARetry()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 4, skip: 2);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 1));
        var first = await StartAsync(order.OrderId);

        var declined = await CompleteAsync(first.Id, DeclinedCard);
        var retry = await StartAsync(order.OrderId);
        var paid = await CompleteAsync(retry.Id, GoodCard);

        Assert.Equal(PaymentStatus.Declined, declined.Value.Status);
        Assert.NotEqual(first.Id, retry.Id);
        Assert.Equal(PaymentStatus.Succeeded, paid.Value.Status);
        Assert.Equal((3, 0), await StoreScenario.StockAsync(db, variantId));
    }

    [Fact]
    public async Task CompleteTestPayment_WhenCardNumberIsInvalid_RejectsItAndLeavesThePaymentOpen()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 4, skip: 3);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 1));
        var payment = await StartAsync(order.OrderId);

        var result = await CompleteAsync(payment.Id, "1234 5678");

        Assert.Equal("card.number", result.Error!.Code);
        await using var scope = db.Scope();
        Assert.Equal(PaymentStatus.Pending, (await db.Get<PaymentService>(scope).FindAsync(payment.Id))!.Status);
    }

    [Fact]
    public async Task Start_WhenCalledTwice_ReturnsTheSamePendingPayment()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 4, skip: 4);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 1));
        Assert.Equal((await StartAsync(order.OrderId)).Id, (await StartAsync(order.OrderId)).Id);
    }

    private async Task<PaymentView> StartAsync(Guid orderId)
    {
        await using var scope = db.Scope();
        var started = await db.Get<PaymentService>(scope).StartAsync(orderId, null);
        Assert.True(started.IsSuccess, started.Error?.Message);
        return started.Value;
    }

    private async Task<Store.Domain.Common.Result<PaymentView>> CompleteAsync(Guid paymentId, string card)
    {
        await using var scope = db.Scope();
        return await db.Get<PaymentService>(scope).CompleteTestPaymentAsync(paymentId, card, "12/30", "123");
    }
}
