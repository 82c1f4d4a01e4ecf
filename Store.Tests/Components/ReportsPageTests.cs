using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Store.Domain.Common;
using Store.Domain.Reports;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Reports;
using Store.Tests.Features.Reports;
using Store.Tests.Support;
using Store.Web.Admin.Reports;

namespace Store.Tests.Components;

/// <summary>The reports page over orders in every state, paid today by the class's clock.</summary>
public class ReportsPageTests : AdminPageContext, IClassFixture<DashboardFixture>
{
    private readonly DashboardFixture db;

    public ReportsPageTests(DashboardFixture db)
        : base(db.ConnectionString, "staff@store.local")
    {
        this.db = db;
        Services.AddSingleton<IClock>(db.Clock);
    }

    [Theory]
    [InlineData("products")]
    [InlineData("salesbyweek")]
    [InlineData("refunds")]
    [InlineData("shippingmethods")]
    public async Task Table_ForAReport_ShowsTheSameRowsAsItsCsvExport(string report)
    {
        db.Seeded ??= await EveryStateOrders.SeedAsync(db);
        var fmt = Services.GetRequiredService<MoneyFormatter>();
        var cut = RenderFor(report);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=report-table] tbody tr")), TimeSpan.FromSeconds(20));
        var href = cut.Find("[data-testid=report-csv]").GetAttribute("href")!;
        Assert.Contains($"/admin/reports/{report}.csv?from=2029-02-13&to=2029-03-14", href);

        ReportTable table;
        await using (var scope = db.Scope())
        {
            table = await db.Get<ReportQueries>(scope).RunAsync(Enum.Parse<ReportKind>(report, ignoreCase: true), new ReportPeriod(new(2029, 2, 13), new(2029, 3, 14)));
        }

        var csvRows = table.ToCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(SplitCsv).ToList();
        var pageRows = cut.FindAll("[data-testid=report-table] tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(csvRows.Count, pageRows.Count);
        for (var r = 0; r < pageRows.Count; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var expected = table.Columns[c].Kind == ReportColumnKind.Money
                    ? fmt.Format(Currencies.ToMinor(decimal.Parse(csvRows[r][c], CultureInfo.InvariantCulture), table.Currency))
                    : csvRows[r][c];
                Assert.Equal(expected, pageRows[r][c]);
            }
        }
    }

    [Fact]
    public async Task Chart_ForSalesByDay_DrawsNetSalesForEveryDayOfThePeriod()
    {
        var seeded = db.Seeded ??= await EveryStateOrders.SeedAsync(db);
        var expected = await seeded.ExpectedAsync(db);
        var fmt = Services.GetRequiredService<MoneyFormatter>();

        var cut = RenderFor("salesbyday");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=report-table] tbody tr")), TimeSpan.FromSeconds(20));
        var series = Assert.Single(cut.FindComponent<MudChart<double>>().Instance.ChartSeries);
        Assert.Equal("Net sales", series.Name);
        Assert.Equal(30, series.Data.Count);
        Assert.Equal((double)fmt.ToMajor(expected.GrossMinor - expected.RefundedMinor), series.Data.GetValue(29));
    }

    [Fact]
    public async Task Rebuild_WhenClickedAfterTheFirstLoad_FillsTheAggregatesOfThePeriodAndSaysSo()
    {
        var seeded = db.Seeded ??= await EveryStateOrders.SeedAsync(db);
        var cut = RenderFor("salesbyday");
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=report-rebuild]").HasAttribute("disabled")), TimeSpan.FromSeconds(20));

        await cut.InvokeAsync(() => cut.Find("[data-testid=report-rebuild]").ClickAsync(new()));

        cut.WaitForAssertion(() => Assert.Contains("Rebuilt 30 day(s)", cut.Find("[data-testid=report-rebuilt]").TextContent), TimeSpan.FromSeconds(30));
        await using var scope = db.Scope();
        var day = await db.Get<StoreDbContext>(scope).Set<SalesDayTotals>().SingleAsync(d => d.Day == new DateOnly(2029, 3, 14));
        Assert.Equal((await seeded.ExpectedAsync(db)).Orders, day.Orders);
    }

    private IRenderedComponent<ReportsPage> RenderFor(string report)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/admin/reports?report={report}");
        return Render<ReportsPage>();
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
