using Microsoft.EntityFrameworkCore;
using Npgsql;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Reports;

/// <summary>Days of sales as the dashboard and the reports read them: the aggregate for past days, the orders for today.</summary>
internal static class SalesDays
{
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> that had anything, in one query.</summary>
    public static async Task<List<DayTotalsRow>> ReadAsync(StoreDbContext db, DateOnly from, DateOnly to, DateOnly today, string currency, CancellationToken ct)
    {
        var past = """
            SELECT day, orders, units, gross_minor, refunds, refunded_minor, carts
            FROM sales_daily_totals WHERE day >= @first AND day <= @last AND day < @today
            """;
        var parameters = new List<NpgsqlParameter> { new("first", from), new("last", to), new("today", today) };
        var sql = past;
        if (to >= today)
        {
            sql = $"({past})\nUNION ALL\n({DayTotalsSql.Select})";
            parameters.AddRange(DayTotalsSql.Parameters(StartOf(today), StartOf(today.AddDays(1)), currency));
        }

        return await db.Database.SqlQueryRaw<DayTotalsRow>(sql, [.. parameters]).ToListAsync(ct);
    }
}
