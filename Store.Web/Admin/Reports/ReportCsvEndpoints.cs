using System.Globalization;
using System.Text;
using Store.Domain.Reports;
using Store.Infrastructure.Reports;

namespace Store.Web.Admin.Reports;

/// <summary>A report as a CSV download (in the admin group: /admin/reports/{report}.csv): the same rows as the reports page shows for the same period.</summary>
public static class ReportCsvEndpoints
{
    public static IEndpointRouteBuilder MapReportCsvEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{report}.csv", ExportAsync);
        return app;
    }

    private static async Task<IResult> ExportAsync(string report, string? from, string? to, ReportQueries reports, CancellationToken ct)
    {
        if (!Enum.TryParse<ReportKind>(report, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(report, out _))
        {
            return TypedResults.Problem(title: "No such report.", detail: $"Reports: {string.Join(", ", Enum.GetNames<ReportKind>().Select(n => n.ToLowerInvariant()))}.", statusCode: StatusCodes.Status404NotFound);
        }

        var period = ReportPeriod.Custom(Day(from), Day(to), reports.Today);
        if (!period.IsSuccess)
        {
            return TypedResults.Problem(title: "The period is not valid.", detail: period.Error!.Message + " Give from and to as yyyy-MM-dd.", statusCode: StatusCodes.Status400BadRequest);
        }

        var table = await reports.RunAsync(kind, period.Value, ct);
        var name = $"{kind.ToString().ToLowerInvariant()}-{period.Value.From:yyyyMMdd}-{period.Value.To:yyyyMMdd}.csv";
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(table.ToCsv())).ToArray(), "text/csv; charset=utf-8", name);
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
