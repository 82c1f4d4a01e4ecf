using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Reports;
using Store.Tests.Support;

namespace Store.Tests.Features.Reports;

public class SalesReportTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task RebuildRecent_CountsPaidOrdersByDayProductAndCategory_AndIsIdempotent()
    {
        var tee = await StoreScenario.VariantWithStockAsync(db, units: 10);
        var paid1 = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, tee, 2), "r1@example.com");
        var paid2 = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, tee, 1), "r2@example.com");
        await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, tee, 4), "unpaid@example.com");
        await PayAsync(paid1.OrderId);
        await PayAsync(paid2.OrderId);
        await using var scope = db.Scope();
        var reports = db.Get<SalesReportService>(scope);

        await reports.RebuildRecentAsync();
        await reports.RebuildRecentAsync();

        var today = Assert.Single(await reports.ByDayAsync(1));
        Assert.Equal(2, today.Orders);
        Assert.Equal(3, today.Units);
        // Revenue is the goods sold: neither the shipping nor the tax the orders also charged.
        var subtotals = await db.Get<StoreDbContext>(scope).Orders.Where(o => o.Id == paid1.OrderId || o.Id == paid2.OrderId).SumAsync(o => o.SubtotalMinor);
        Assert.Equal(subtotals, today.RevenueMinor);
        var top = Assert.Single(await reports.TopProductsAsync(1, 10));
        Assert.Equal(3, top.Units);
        Assert.Equal(today.RevenueMinor, Assert.Single(await reports.ByCategoryAsync(1)).RevenueMinor);
    }

    private async Task PayAsync(Guid orderId)
    {
        await using var scope = db.Scope();
        var payments = db.Get<PaymentService>(scope);
        var payment = (await payments.StartAsync(orderId, null)).Value;
        Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
    }
}
