using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Ordering;

public class OrderAdminServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string Staff = "staff@store.local";

    [Fact]
    public async Task Lifecycle_FromPaidToReturned_RecordsEachStepAndPutsTheGoodsBack()
    {
        var (variantId, order) = await PaidOrderAsync(skip: 0, units: 6, quantity: 2);
        await using var scope = db.Scope();
        var admin = db.Get<OrderAdminService>(scope);

        Assert.True((await admin.StartFulfilmentAsync(order.OrderId, Staff)).IsSuccess);
        Assert.True((await admin.ShipAsync(order.OrderId, Staff)).IsSuccess);
        Assert.True((await admin.MarkDeliveredAsync(order.OrderId, Staff)).IsSuccess);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(db, variantId));
        Assert.True((await admin.MarkReturnedAsync(order.OrderId, Staff, "Wrong size")).IsSuccess);

        var detail = (await db.Get<OrderQueries>(scope).DetailAsync(order.OrderId))!;
        Assert.Equal(OrderStatus.Returned, detail.Status);
        Assert.Equal(
            [OrderStatus.AwaitingPayment, OrderStatus.Paid, OrderStatus.Fulfilling, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Returned],
            detail.Timeline.Select(t => t.To));
        Assert.Equal(detail.Shipment!.TrackingNumber, detail.TrackingNumber);
        Assert.Equal((6, 0), await StoreScenario.StockAsync(db, variantId));
        var shipped = await db.Get<StoreDbContext>(scope).OutboxMessages.AsNoTracking().Where(m => m.Type == "order.shipped").ToListAsync();
        Assert.Contains(shipped, m => m.Payload.Contains(order.OrderId.ToString()));
        Assert.Empty(await db.Get<IntegrityMonitor>(scope).CheckAsync());
    }

    [Fact]
    public async Task Ship_BeforeFulfilment_IsRefusedAndChangesNothing()
    {
        var (_, order) = await PaidOrderAsync(skip: 1, units: 3, quantity: 1);
        await using var scope = db.Scope();

        var result = await db.Get<OrderAdminService>(scope).ShipAsync(order.OrderId, Staff);

        Assert.Equal("order.transition", result.Error!.Code);
        Assert.Equal(OrderStatus.Paid, (await db.Get<OrderQueries>(scope).DetailAsync(order.OrderId))!.Status);
    }

    [Fact]
    public async Task Cancel_WhenUnpaid_ReleasesTheStock_AndWhenPaid_IsRefused()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 4, skip: 2);
        var unpaid = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 3));
        var (_, paid) = await PaidOrderAsync(skip: 3, units: 2, quantity: 1);
        await using var scope = db.Scope();
        var admin = db.Get<OrderAdminService>(scope);

        Assert.True((await admin.CancelAsync(unpaid.OrderId, Staff, "Customer asked")).IsSuccess);
        Assert.Equal("order.transition", (await admin.CancelAsync(paid.OrderId, Staff, "Too late")).Error!.Code);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(db, variantId));
    }

    [Fact]
    public async Task Refund_WhenFiveStaffRefundTheWholeOrderAtOnce_MoneyGoesBackOnce()
    {
        var (variantId, order) = await PaidOrderAsync(skip: 4, units: 5, quantity: 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            await using var scope = db.Scope();
            return await db.Get<OrderAdminService>(scope).RefundAsync(order.OrderId, order.TotalMinor, "Damaged in transit", restock: true, Staff);
        }));

        Assert.Equal(1, results.Count(r => r.IsSuccess));
        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        Assert.Equal(order.TotalMinor, await context.Refunds.Where(r => r.OrderId == order.OrderId).SumAsync(r => r.AmountMinor));
        Assert.Equal(OrderStatus.Refunded, (await context.Orders.AsNoTracking().SingleAsync(o => o.Id == order.OrderId)).Status);
        Assert.Equal((5, 0), await StoreScenario.StockAsync(db, variantId));
        Assert.Empty(await db.Get<IntegrityMonitor>(check).CheckAsync());
    }

    [Fact]
    public async Task Refund_InPartsBeyondTheTotal_IsRefused()
    {
        var (_, order) = await PaidOrderAsync(skip: 5, units: 5, quantity: 1);
        await using var scope = db.Scope();
        var admin = db.Get<OrderAdminService>(scope);

        Assert.True((await admin.RefundAsync(order.OrderId, 100, "Goodwill", restock: false, Staff)).IsSuccess);
        Assert.Equal("order.refund", (await admin.RefundAsync(order.OrderId, order.TotalMinor, "Again", restock: false, Staff)).Error!.Code);
        Assert.Equal(OrderStatus.PartiallyRefunded, (await db.Get<OrderQueries>(scope).DetailAsync(order.OrderId))!.Status);
    }

    private async Task<(int VariantId, PlacedOrder Order)> PaidOrderAsync(int skip, int units, int quantity)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units, skip: skip + 10);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, quantity));
        await using var scope = db.Scope();
        var payments = db.Get<PaymentService>(scope);
        var payment = (await payments.StartAsync(order.OrderId, null)).Value;
        Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
        return (variantId, order);
    }
}
