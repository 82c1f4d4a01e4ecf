using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Store.Domain.Common;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Reports;

public sealed record DailySales(DateOnly Day, int Orders, int Units, long RevenueMinor);

public sealed record ProductSales(int ProductId, string Product, string Category, int Units, long RevenueMinor);

public sealed record CategorySales(int CategoryId, string Category, int Units, long RevenueMinor);

/// <summary>
/// The analytics worker's work: sales per day and product (with its category), and the day's totals (orders, units,
/// amount charged, refunds, carts), rebuilt from the orders for the recent days on every run, so it is idempotent and
/// late payments are counted. Past days of reports and the dashboard read only these tables; today is read live.
/// Product revenue is the goods sold (gross of refunds), in the order currency.
/// </summary>
public sealed class SalesReportService(StoreDbContext db, IClock clock, IOptions<ShopOptions> shop)
{
    private const string SoldStatuses = "'Paid','Fulfilling','Shipped','Delivered','PartiallyRefunded','Refunded','Returned'";

    // A rebuild of many days commits a week at a time: progress can be shown, and a failure loses one week's work.
    private const int ChunkDays = 7;

    /// <summary>Recomputes the aggregates of the last <paramref name="days"/> days (UTC), in one transaction.</summary>
    public Task<int> RebuildRecentAsync(int days = 2, CancellationToken ct = default) =>
        db.RetriableAsync(token => RebuildOnceAsync(Today.AddDays(-(days - 1)), Today, token), ct);

    /// <summary>
    /// What the job runs: the last two days, and every day since the last one aggregated (or since the first paid
    /// order when nothing is yet), so days the job missed, or history imported in bulk, are filled in.
    /// </summary>
    public async Task<int> RebuildDueAsync(IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var lastAggregated = await db.Set<SalesDayTotals>().MaxAsync(t => (DateOnly?)t.Day, ct);
        var from = Today.AddDays(-1);
        if (lastAggregated is { } last && last < from)
        {
            from = last;
        }
        else if (lastAggregated is null && await db.Orders.MinAsync(o => o.PaidAt, ct) is { } firstPaid)
        {
            from = DateOnly.FromDateTime(firstPaid.UtcDateTime);
        }

        return await RebuildAsync(from, Today, progress, ct);
    }

    /// <summary>Recomputes the aggregates of the days <paramref name="from"/> to <paramref name="to"/>, a week per transaction.</summary>
    public async Task<int> RebuildAsync(DateOnly from, DateOnly to, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var total = Math.Max(1, to.DayNumber - from.DayNumber + 1);
        var rows = 0;
        for (var start = from; start <= to; start = start.AddDays(ChunkDays))
        {
            var end = start.AddDays(ChunkDays - 1) < to ? start.AddDays(ChunkDays - 1) : to;
            var chunkStart = start;
            rows += await db.RetriableAsync(token => RebuildOnceAsync(chunkStart, end, token), ct);
            progress?.Report(Math.Min(1.0, (end.DayNumber - from.DayNumber + 1) / (double)total));
        }

        return rows;
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.UtcNow.UtcDateTime);

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private async Task<int> RebuildOnceAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var fromTime = StartOf(from);
        var toTime = StartOf(to.AddDays(1));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM sales_daily WHERE day >= {from} AND day <= {to}", ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM sales_daily_totals WHERE day >= {from} AND day <= {to}", ct);
        var rows = await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO sales_daily (day, product_id, category_id, orders, units, revenue_minor)
            SELECT (o.paid_at AT TIME ZONE 'UTC')::date, p.id, p.category_id, count(DISTINCT o.id), sum(i.quantity), sum(i.line_total_minor)
            FROM orders o
            JOIN order_items i ON i.order_id = o.id
            JOIN product_variants v ON v.id = i.variant_id
            JOIN products p ON p.id = v.product_id
            WHERE o.paid_at >= @p0 AND o.paid_at < @p1 AND o.status IN ({SoldStatuses})
            GROUP BY 1, 2, 3
            """,
            [new NpgsqlParameter("p0", fromTime), new NpgsqlParameter("p1", toTime)],
            ct);
        rows += await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO sales_daily_totals (day, orders, units, gross_minor, refunds, refunded_minor, carts)
            SELECT day, orders, units, gross_minor, refunds, refunded_minor, carts FROM ({DayTotalsSql.Select}) t
            """,
            DayTotalsSql.Parameters(fromTime, toTime, shop.Value.Currency),
            ct);
        await tx.CommitAsync(ct);
        return rows;
    }

    public async Task<IReadOnlyList<DailySales>> ByDayAsync(int days, CancellationToken ct = default)
    {
        var from = DateOnly.FromDateTime(clock.UtcNow.UtcDateTime.Date).AddDays(-(days - 1));
        return await db.Set<SalesDaily>().AsNoTracking()
            .Where(s => s.Day >= from)
            .GroupBy(s => s.Day)
            .OrderBy(g => g.Key)
            .Select(g => new DailySales(g.Key, g.Sum(s => s.Orders), g.Sum(s => s.Units), g.Sum(s => s.RevenueMinor)))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ProductSales>> TopProductsAsync(int days, int take, CancellationToken ct = default)
    {
        var from = DateOnly.FromDateTime(clock.UtcNow.UtcDateTime.Date).AddDays(-(days - 1));
        return await db.Set<SalesDaily>().AsNoTracking()
            .Where(s => s.Day >= from)
            .GroupBy(s => s.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(s => s.Units), Revenue = g.Sum(s => s.RevenueMinor) })
            .OrderByDescending(x => x.Revenue)
            .Take(take)
            .Join(db.Products, x => x.ProductId, p => p.Id, (x, p) => new ProductSales(p.Id, p.Name, p.Category!.Name, x.Units, x.Revenue))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<CategorySales>> ByCategoryAsync(int days, CancellationToken ct = default)
    {
        var from = DateOnly.FromDateTime(clock.UtcNow.UtcDateTime.Date).AddDays(-(days - 1));
        var totals = await db.Set<SalesDaily>().AsNoTracking()
            .Where(s => s.Day >= from)
            .GroupBy(s => s.CategoryId)
            .Select(g => new { CategoryId = g.Key, Units = g.Sum(s => s.Units), Revenue = g.Sum(s => s.RevenueMinor) })
            .ToListAsync(ct);
        var names = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return totals
            .Select(x => new CategorySales(x.CategoryId, names.GetValueOrDefault(x.CategoryId, "?"), x.Units, x.Revenue))
            .OrderByDescending(x => x.RevenueMinor)
            .ToList();
    }
}

/// <summary>One row of the daily sales aggregate: a product's sales on a UTC day.</summary>
public sealed class SalesDaily
{
    private SalesDaily()
    {
    }

    public DateOnly Day { get; private set; }
    public int ProductId { get; private set; }
    public int CategoryId { get; private set; }
    public int Orders { get; private set; }
    public int Units { get; private set; }
    public long RevenueMinor { get; private set; }
}
