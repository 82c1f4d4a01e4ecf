using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Tests.Features.Reports;
using Store.Tests.Support;
using Store.Web.Admin.Reports;

namespace Store.Tests.Components;

/// <summary>The dashboard over orders in every state, all paid (or not) today by the class's clock.</summary>
public class DashboardPageTests : AdminPageContext, IClassFixture<DashboardFixture>
{
    private readonly DashboardFixture db;

    public DashboardPageTests(DashboardFixture db)
        : base(db.ConnectionString, "staff@store.local")
    {
        this.db = db;
        Services.AddSingleton<IClock>(db.Clock);
    }

    [Fact]
    public async Task Tiles_WhenOrdersAreInEveryState_CountEveryOrderPaidUntilRefundedAndShowTheChart()
    {
        var seeded = db.Seeded ??= await EveryStateOrders.SeedAsync(db);
        var expected = await seeded.ExpectedAsync(db);
        var fmt = Services.GetRequiredService<MoneyFormatter>();

        var cut = RenderFor("7d");

        cut.WaitForAssertion(() => Assert.Equal(expected.Orders.ToString(), cut.Find("[data-testid=tile-orders-value]").TextContent.Trim()), TimeSpan.FromSeconds(20));
        Assert.Equal(fmt.Format(expected.GrossMinor - expected.RefundedMinor), cut.Find("[data-testid=tile-sales-value]").TextContent.Trim());
        Assert.Equal(fmt.Format(expected.GrossMinor / expected.Orders), cut.Find("[data-testid=tile-aov-value]").TextContent.Trim());
        Assert.Equal(expected.Units.ToString(), cut.Find("[data-testid=tile-units-value]").TextContent.Trim());
        Assert.StartsWith(fmt.Format(expected.RefundedMinor) + " (2)", cut.Find("[data-testid=tile-refunds-value]").TextContent.Trim());
        Assert.Contains($"({expected.Orders} ÷ {seeded.CartsCreated})", cut.Find("[data-testid=tile-conversion]").TextContent);
        Assert.Contains($"To fulfil: {expected.ToFulfil}", cut.Find("[data-testid=dashboard-to-fulfil]").TextContent);

        var chart = cut.FindComponent<MudChart<double>>().Instance;
        var series = Assert.Single(chart.ChartSeries);
        Assert.Equal("Net sales", series.Name);
        Assert.Equal(7, series.Data.Count);
        Assert.Equal((double)fmt.ToMajor(expected.GrossMinor - expected.RefundedMinor), series.Data.GetValue(6));
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(0d, series.Data.GetValue(i)));
        Assert.NotEmpty(cut.FindAll("[data-testid=dashboard-chart] svg"));
    }

    [Fact]
    public async Task Tiles_WhenAPaidOrderMovesOnToFulfilling_StillCountItAsPaid()
    {
        var seeded = db.Seeded ??= await EveryStateOrders.SeedAsync(db);
        var fulfilling = seeded.Orders[OrderStatus.Fulfilling];
        var expected = await seeded.ExpectedAsync(db);

        var cut = RenderFor("today");

        cut.WaitForAssertion(() => Assert.Equal(expected.Orders.ToString(), cut.Find("[data-testid=tile-orders-value]").TextContent.Trim()), TimeSpan.FromSeconds(20));
        var number = await OrderNumberAsync(fulfilling);
        Assert.Contains($"#{number}", cut.Find("[data-testid=dashboard-to-fulfil]").TextContent);
        Assert.Contains(nameof(OrderStatus.Fulfilling), cut.Find("[data-testid=dashboard-to-fulfil]").TextContent);
    }

    [Fact]
    public async Task PeriodButtons_WhenClickedAfterTheFirstLoad_SwitchThePeriod()
    {
        db.Seeded ??= await EveryStateOrders.SeedAsync(db);
        var cut = RenderFor("today");
        cut.WaitForAssertion(() => Assert.Contains("2029-03-14, compared with 2029-03-13", cut.Find("[data-testid=dashboard-period]").TextContent), TimeSpan.FromSeconds(20));

        var week = cut.FindAll("[data-testid=dashboard-periods] button").First(b => b.TextContent.Contains("7 days", StringComparison.Ordinal));
        await cut.InvokeAsync(() => week.ClickAsync(new()));

        cut.WaitForAssertion(() => Assert.Contains("2029-03-08 to 2029-03-14 (7 days)", cut.Find("[data-testid=dashboard-period]").TextContent), TimeSpan.FromSeconds(20));
        Assert.Equal(7, Assert.Single(cut.FindComponent<MudChart<double>>().Instance.ChartSeries).Data.Count);
    }

    private IRenderedComponent<DashboardPage> RenderFor(string period)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/admin?period={period}");
        return Render<DashboardPage>();
    }

    private async Task<long> OrderNumberAsync(Guid id)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Orders.Where(o => o.Id == id).Select(o => o.Number).SingleAsync();
    }
}
