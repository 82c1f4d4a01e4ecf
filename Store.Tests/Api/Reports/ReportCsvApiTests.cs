using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Reports;
using Store.Infrastructure.Reports;
using Store.Tests.Support;

namespace Store.Tests.Api.Reports;

public class ReportCsvApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task Export_WhenStaffAsksForAReport_ReturnsTheReportsRowsAsCsv()
    {
        var admin = await AdminAsync();
        ReportTable table;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var reports = scope.ServiceProvider.GetRequiredService<ReportQueries>();
            table = await reports.RunAsync(ReportKind.StockValuation, ReportPeriod.For(PeriodPreset.Last7Days, reports.Today));
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var response = await admin.GetAsync($"/admin/reports/stockvaluation.csv?from={today.AddDays(-6):yyyy-MM-dd}&to={today:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.NotEmpty(table.Rows);
        Assert.Equal(table.ToCsv(), csv);
        Assert.StartsWith("SKU,Product,On hand,Unit cost (USD),Value (USD)\r\n", csv);
    }

    [Theory]
    [InlineData("/admin/reports/salesbyday.csv?from=2026-02-30&to=2026-03-01", HttpStatusCode.BadRequest)]
    [InlineData("/admin/reports/salesbyday.csv?from=2026-03-02&to=2026-03-01", HttpStatusCode.BadRequest)]
    [InlineData("/admin/reports/salesbyday.csv", HttpStatusCode.BadRequest)]
    [InlineData("/admin/reports/nosuchreport.csv?from=2026-03-01&to=2026-03-02", HttpStatusCode.NotFound)]
    [InlineData("/admin/reports/3.csv?from=2026-03-01&to=2026-03-02", HttpStatusCode.NotFound)]
    public async Task Export_WhenTheReportOrPeriodIsWrong_AnswersWithAProblem(string url, HttpStatusCode expected)
    {
        var response = await (await AdminAsync()).GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Export_WhenNotSignedIn_GivesNothing()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/admin/reports/salesbyday.csv?from=2026-03-01&to=2026-03-02");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Net sales", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> AdminAsync()
    {
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(admin, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);
        return admin;
    }
}
