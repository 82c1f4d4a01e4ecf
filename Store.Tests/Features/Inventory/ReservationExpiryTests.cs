using Microsoft.EntityFrameworkCore;
using Store.Domain.Inventory;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Inventory;

public class ReservationExpiryTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task ReleaseExpired_WhenAnOrderWasNotPaidInTime_CancelsItAndPutsTheStockBackOnSale()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 2));
        var payment = await StartPaymentAsync(order.OrderId);
        await AgeReservationsAsync(order.OrderId);

        await using (var scope = db.Scope())
        {
            Assert.True(await db.Get<ReservationExpiryService>(scope).ReleaseExpiredAsync() >= 1);
        }

        Assert.Equal((5, 0), await StoreScenario.StockAsync(db, variantId));
        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        var saved = await context.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Id == order.OrderId);
        Assert.Equal(OrderStatus.Cancelled, saved.Status);
        Assert.Equal(ReservationExpiryService.Actor, saved.History.OrderBy(h => h.At).Last().Actor);
        Assert.Equal(PaymentStatus.Declined, (await context.Payments.AsNoTracking().SingleAsync(p => p.Id == payment)).Status);
        Assert.Empty(await db.Get<IntegrityMonitor>(check).CheckAsync());
    }

    [Fact]
    public async Task CompleteTestPayment_AfterTheOrderExpired_DeclinesAndTakesNoStock()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5, skip: 1);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 1));
        var payment = await StartPaymentAsync(order.OrderId);
        await AgeReservationsAsync(order.OrderId);
        await using (var scope = db.Scope())
        {
            await db.Get<ReservationExpiryService>(scope).ReleaseExpiredAsync();
        }

        await using var pay = db.Scope();
        var result = await db.Get<PaymentService>(pay).CompleteTestPaymentAsync(payment, "4242424242424242", "12/30", "123");

        Assert.Equal(PaymentStatus.Declined, result.Value.Status);
        Assert.Equal((5, 0), await StoreScenario.StockAsync(db, variantId));
    }

    [Fact]
    public async Task StartPayment_ExtendsTheReservationSoASlowPaymentKeepsItsStock()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5, skip: 2);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 1));
        await AgeReservationsAsync(order.OrderId, minutesLeft: 1);

        await StartPaymentAsync(order.OrderId);

        await using var scope = db.Scope();
        var expires = await db.Get<StoreDbContext>(scope).StockReservations.Where(r => r.OrderId == order.OrderId).Select(r => r.ExpiresAt).SingleAsync();
        Assert.True(expires > DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Equal(0, await db.Get<ReservationExpiryService>(scope).ReleaseExpiredAsync());
    }

    [Fact]
    public async Task ReleaseExpired_WhenTheOrderWasPaid_LeavesItAlone()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 5, skip: 3);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 1));
        var payment = await StartPaymentAsync(order.OrderId);
        await using (var pay = db.Scope())
        {
            await db.Get<PaymentService>(pay).CompleteTestPaymentAsync(payment, "4242424242424242", "12/30", "123");
        }

        await AgeReservationsAsync(order.OrderId);
        await using var scope = db.Scope();
        await db.Get<ReservationExpiryService>(scope).ReleaseExpiredAsync();

        Assert.Equal(OrderStatus.Paid, (await db.Get<StoreDbContext>(scope).Orders.AsNoTracking().SingleAsync(o => o.Id == order.OrderId)).Status);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(db, variantId));
    }

    private async Task<Guid> StartPaymentAsync(Guid orderId)
    {
        await using var scope = db.Scope();
        return (await db.Get<PaymentService>(scope).StartAsync(orderId, null)).Value.Id;
    }

    /// <summary>Time passing, for this order only: its reservations expire (or nearly).</summary>
    private async Task AgeReservationsAsync(Guid orderId, int minutesLeft = -1)
    {
        await using var scope = db.Scope();
        var at = DateTimeOffset.UtcNow.AddMinutes(minutesLeft);
        await db.Get<StoreDbContext>(scope).StockReservations
            .Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, at));
    }
}
