using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Infrastructure.Data;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;

namespace Store.Tests.Support;

/// <summary>
/// One order in each state the dashboard must tell apart, all placed and paid now: placed (unpaid), paid, paid then
/// fulfilling, shipped, refunded in full, partly refunded (by <see cref="PartialRefundMinor"/>) and cancelled.
/// The expected figures are read back from the orders themselves, so the test states the rule, not the prices.
/// </summary>
public sealed record EveryStateOrders(IReadOnlyDictionary<OrderStatus, Guid> Orders, int CartsCreated)
{
    public const long PartialRefundMinor = 100;

    /// <summary>Quantities per state, different so that units counted from the wrong orders show.</summary>
    private static readonly (OrderStatus State, int Quantity)[] Plan =
    [
        (OrderStatus.AwaitingPayment, 7),
        (OrderStatus.Paid, 1),
        (OrderStatus.Fulfilling, 2),
        (OrderStatus.Shipped, 1),
        (OrderStatus.Refunded, 1),
        (OrderStatus.PartiallyRefunded, 3),
        (OrderStatus.Cancelled, 5),
    ];

    public static async Task<EveryStateOrders> SeedAsync(DatabaseFixture db, int skip = 0)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 40, skip: skip);
        var orders = new Dictionary<OrderStatus, Guid>();
        foreach (var (state, quantity) in Plan)
        {
            var placed = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, quantity), $"{state}@example.com".ToLowerInvariant());
            orders[state] = placed.OrderId;
            await using var scope = db.Scope();
            var admin = db.Get<OrderAdminService>(scope);
            if (state == OrderStatus.Cancelled)
            {
                Ok(await admin.CancelAsync(placed.OrderId, "staff@store.local", "Changed their mind"));
                continue;
            }

            if (state == OrderStatus.AwaitingPayment)
            {
                continue;
            }

            var payments = db.Get<PaymentService>(scope);
            var payment = (await payments.StartAsync(placed.OrderId, null)).Value;
            Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
            if (state is OrderStatus.Fulfilling or OrderStatus.Shipped)
            {
                Ok(await admin.StartFulfilmentAsync(placed.OrderId, "staff@store.local"));
            }

            if (state == OrderStatus.Shipped)
            {
                Ok(await admin.ShipAsync(placed.OrderId, "staff@store.local"));
            }

            if (state == OrderStatus.Refunded)
            {
                var total = await db.Get<StoreDbContext>(scope).Orders.Where(o => o.Id == placed.OrderId).Select(o => o.TotalMinor).SingleAsync();
                Ok(await admin.RefundAsync(placed.OrderId, total, "Damaged", restock: true, "staff@store.local"));
            }

            if (state == OrderStatus.PartiallyRefunded)
            {
                Ok(await admin.RefundAsync(placed.OrderId, PartialRefundMinor, "Late", restock: false, "staff@store.local"));
            }
        }

        await using (var scope = db.Scope())
        {
            var statuses = await db.Get<StoreDbContext>(scope).Orders.Where(o => orders.Values.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Status);
            Assert.All(orders, o => Assert.Equal(o.Key, statuses[o.Value]));
        }

        return new EveryStateOrders(orders, Plan.Length);
    }

    /// <summary>What the rule says the period holds: every order that was paid (until refunded, money back is its own figure).</summary>
    public async Task<(int Orders, int Units, long GrossMinor, long RefundedMinor, int ToFulfil)> ExpectedAsync(DatabaseFixture db)
    {
        await using var scope = db.Scope();
        var paid = new[] { OrderStatus.Paid, OrderStatus.Fulfilling, OrderStatus.Shipped, OrderStatus.Refunded, OrderStatus.PartiallyRefunded }
            .Select(s => Orders[s]).ToList();
        var context = db.Get<StoreDbContext>(scope);
        var gross = await context.Orders.Where(o => paid.Contains(o.Id)).SumAsync(o => o.TotalMinor);
        var units = await context.OrderItems.Where(i => paid.Contains(i.OrderId)).SumAsync(i => i.Quantity);
        var refunded = await context.Orders.Where(o => o.Id == Orders[OrderStatus.Refunded]).Select(o => o.TotalMinor).SingleAsync() + PartialRefundMinor;
        return (paid.Count, units, gross, refunded, ToFulfil: 3);
    }

    private static void Ok(Store.Domain.Common.Result<bool> result) => Assert.True(result.IsSuccess, result.Error?.Message);
}
