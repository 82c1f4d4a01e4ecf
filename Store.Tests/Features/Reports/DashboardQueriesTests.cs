using Store.Domain.Ordering;
using Store.Domain.Reports;
using Store.Infrastructure.Reports;
using Store.Tests.Support;

namespace Store.Tests.Features.Reports;

public class DashboardQueriesTests(DashboardFixture db) : IClassFixture<DashboardFixture>, IAsyncLifetime
{
    private EveryStateOrders seeded = null!;

    public async Task InitializeAsync()
    {
        db.Clock.Set(DashboardFixture.Noon);
        seeded = db.Seeded ??= await EveryStateOrders.SeedAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Summary_WhenOrdersInEveryStateToday_CountsEveryPaidOrderUntilRefundedLive()
    {
        var expected = await seeded.ExpectedAsync(db);

        var summary = await SummaryAsync(PeriodPreset.Today);

        Assert.Equal(expected.Orders, summary.Current.Orders);
        Assert.Equal(expected.Units, summary.Current.Units);
        Assert.Equal(expected.GrossMinor, summary.Current.GrossMinor);
        Assert.Equal(expected.RefundedMinor, summary.Current.RefundedMinor);
        Assert.Equal(2, summary.Current.RefundCount);
        Assert.Equal(expected.GrossMinor - expected.RefundedMinor, summary.Current.SalesMinor);
        Assert.Equal(expected.GrossMinor / expected.Orders, summary.Current.AverageOrderMinor);
        Assert.Equal(seeded.CartsCreated, summary.Current.Carts);
        Assert.Equal(Math.Round(expected.Orders * 100m / seeded.CartsCreated, 1), summary.Current.ConversionPercent);
        Assert.Equal(expected.ToFulfil, summary.OrdersToFulfil);
        Assert.Equal(
            new[] { seeded.Orders[OrderStatus.Paid], seeded.Orders[OrderStatus.Fulfilling], seeded.Orders[OrderStatus.PartiallyRefunded] }.Order(),
            summary.OldestToFulfil.Select(o => o.Id).Order());
        Assert.Contains(summary.RecentOrders, o => o.Id == seeded.Orders[OrderStatus.Cancelled]);
        var top = Assert.Single(summary.TopProducts);
        Assert.Equal(expected.Units, top.Units);
        var point = Assert.Single(summary.Series);
        Assert.Equal(expected.GrossMinor - expected.RefundedMinor, point.SalesMinor);
        Assert.Null(summary.Sales.Percent);
    }

    [Fact]
    public async Task Summary_WhenTheDaysAreAggregated_ReadsPastDaysFromTheAggregateAndComparesWithTheDayBefore()
    {
        var expected = await seeded.ExpectedAsync(db);
        await using (var scope = db.Scope())
        {
            await db.Get<SalesReportService>(scope).RebuildRecentAsync(1);
        }

        db.Clock.Advance(TimeSpan.FromDays(1));

        var week = await SummaryAsync(PeriodPreset.Last7Days);
        var today = await SummaryAsync(PeriodPreset.Today);

        Assert.Equal(expected.Orders, week.Current.Orders);
        Assert.Equal(expected.GrossMinor - expected.RefundedMinor, week.Current.SalesMinor);
        Assert.Equal(expected.Units, week.Current.Units);
        Assert.Equal(7, week.Series.Count);
        Assert.Equal(expected.GrossMinor - expected.RefundedMinor, week.Series.Single(p => p.Day == DateOnly.FromDateTime(DashboardFixture.Noon.UtcDateTime)).SalesMinor);
        Assert.Equal(expected.Units, Assert.Single(week.TopCategories).Units);
        Assert.Equal(0, today.Current.Orders);
        Assert.Equal(expected.Orders, today.Previous.Orders);
        Assert.Equal(-100m, today.Orders.Percent);
    }

    private async Task<DashboardSummary> SummaryAsync(PeriodPreset preset)
    {
        await using var scope = db.Scope();
        var queries = db.Get<DashboardQueries>(scope);
        return await queries.SummaryAsync(ReportPeriod.For(preset, queries.Today));
    }
}
