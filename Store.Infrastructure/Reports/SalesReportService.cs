using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Reports;

public sealed record DailySales(DateOnly Day, int Orders, int Units, long RevenueMinor);

public sealed record ProductSales(int ProductId, string Product, string Category, int Units, long RevenueMinor);

public sealed record CategorySales(int CategoryId, string Category, int Units, long RevenueMinor);

/// <summary>
/// The analytics worker's work: sales per day and product (with its category), rebuilt from paid orders for the
/// recent days on every run, so it is idempotent and late payments are counted. Reports read only this table.
/// Revenue is what was charged (gross of refunds), in the order currency.
/// </summary>
public sealed class SalesReportService(StoreDbContext db, IClock clock)
{
    private const string SoldStatuses = "'Paid','Fulfilling','Shipped','Delivered','PartiallyRefunded','Refunded','Returned'";

    /// <summary>Recomputes the aggregates of the last <paramref name="days"/> days (UTC), in one transaction.</summary>
    public Task<int> RebuildRecentAsync(int days = 2, CancellationToken ct = default) =>
        db.RetriableAsync(token => RebuildRecentOnceAsync(days, token), ct);

    private async Task<int> RebuildRecentOnceAsync(int days, CancellationToken ct)
    {
        var from = DateOnly.FromDateTime(clock.UtcNow.UtcDateTime.Date).AddDays(-(days - 1));
        var fromTime = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM sales_daily WHERE day >= {from}", ct);
        var rows = await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO sales_daily (day, product_id, category_id, orders, units, revenue_minor)
            SELECT (o.paid_at AT TIME ZONE 'UTC')::date, p.id, p.category_id, count(DISTINCT o.id), sum(i.quantity), sum(i.line_total_minor)
            FROM orders o
            JOIN order_items i ON i.order_id = o.id
            JOIN product_variants v ON v.id = i.variant_id
            JOIN products p ON p.id = v.product_id
            WHERE o.paid_at >= @p0 AND o.status IN ({SoldStatuses})
            GROUP BY 1, 2, 3
            """,
            [new Npgsql.NpgsqlParameter("p0", fromTime)],
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
