using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Reports;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;

namespace Store.Infrastructure.Reports;

/// <summary>
/// The owner's cockpit in one read: the period's figures against the period before, the daily series, what waits to
/// ship, low stock, best sellers, recent orders and the health of the background work. Past days come from the
/// daily aggregates, today from the live orders, so the cost does not grow with the store's history.
/// </summary>
public sealed class DashboardQueries(StoreDbContext db, IClock clock, IOptions<ShopOptions> shop)
{
    private const int ListSize = 8;

    public DateOnly Today => DateOnly.FromDateTime(clock.UtcNow.UtcDateTime);

    public async Task<DashboardSummary> SummaryAsync(ReportPeriod period, CancellationToken ct = default)
    {
        var now = clock.UtcNow;
        var previous = period.Previous;
        var days = await SalesDays.ReadAsync(db, previous.From, period.To, Today, Currency, ct);
        var current = days.Where(d => d.Day >= period.From).ToList();
        var before = days.Where(d => d.Day < period.From).ToList();
        var series = Enumerable.Range(0, period.Days)
            .Select(i => period.From.AddDays(i))
            .Select(day => days.FirstOrDefault(d => d.Day == day) is { } d
                ? new DayPoint(day, d.GrossMinor - d.RefundedMinor, d.Orders)
                : new DayPoint(day, 0, 0))
            .ToList();

        var toShip = db.Orders.AsNoTracking()
            .Where(o => OrderStateMachine.ToShipStates.Contains(o.Status) && o.ShippedAt == null && o.PaidAt != null);
        var toFulfil = await toShip
            .OrderBy(o => o.PaidAt)
            .Take(ListSize)
            .Select(o => new OrderToFulfil(o.Id, o.Number, o.Email, o.Status, o.PaidAt!.Value))
            .ToListAsync(ct);

        var lowStock = await db.Inventory.AsNoTracking()
            .Where(i => i.LowStockSince != null)
            .OrderBy(i => i.OnHand - i.Reserved)
            .Take(ListSize)
            .Join(db.Variants, i => i.VariantId, v => v.Id, (i, v) => new LowStockVariant(
                v.Id, v.Sku, v.Product.Name, i.Location!.Name, i.OnHand - i.Reserved, i.ReorderPoint))
            .ToListAsync(ct);

        var recent = await db.Orders.AsNoTracking()
            .OrderByDescending(o => o.PlacedAt)
            .Take(ListSize)
            .Select(o => new RecentOrder(o.Id, o.Number, o.Email, o.Status, o.TotalMinor, o.Currency, o.PlacedAt))
            .ToListAsync(ct);

        return new DashboardSummary(
            period,
            previous,
            Currency,
            Figures.Of(current),
            Figures.Of(before),
            series,
            await toShip.CountAsync(ct),
            toFulfil,
            lowStock,
            await TopAsync("p.id", "p.name", period, ct),
            await TopAsync("c.id", "c.name", period, ct),
            recent,
            await HealthAsync(now, ct),
            now);
    }

    private string Currency => shop.Value.Currency.Trim().ToUpperInvariant();

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Best sellers of the period by revenue, grouped by a product's or a category's id and name.</summary>
    private async Task<IReadOnlyList<TopSeller>> TopAsync(string idColumn, string nameColumn, ReportPeriod period, CancellationToken ct)
    {
        var today = Today;
        var paid = string.Join(",", OrderStateMachine.PaidStates.Append(OrderStatus.Refunded).Select(s => $"'{s}'"));
        var sql = $"""
            WITH sold AS (
                SELECT product_id, category_id, units, revenue_minor
                FROM sales_daily WHERE day >= @first AND day <= @last AND day < @today
                UNION ALL
                SELECT v.product_id, p.category_id, i.quantity, i.line_total_minor
                FROM orders o
                JOIN order_items i ON i.order_id = o.id
                JOIN product_variants v ON v.id = i.variant_id
                JOIN products p ON p.id = v.product_id
                WHERE @last >= @today AND o.paid_at >= @todayStart AND o.currency = @currency AND o.status IN ({paid}))
            SELECT {nameColumn} AS name, sum(s.units)::int AS units, sum(s.revenue_minor)::bigint AS revenue_minor
            FROM sold s
            JOIN products p ON p.id = s.product_id
            JOIN categories c ON c.id = s.category_id
            GROUP BY {idColumn}, {nameColumn}
            ORDER BY 3 DESC, 1
            LIMIT {ListSize}
            """;
        return await db.Database.SqlQueryRaw<TopSeller>(
                sql,
                new NpgsqlParameter("first", period.From),
                new NpgsqlParameter("last", period.To),
                new NpgsqlParameter("today", today),
                new NpgsqlParameter("todayStart", StartOf(today)),
                new NpgsqlParameter("currency", Currency))
            .ToListAsync(ct);
    }

    private async Task<BackgroundHealth> HealthAsync(DateTimeOffset now, CancellationToken ct)
    {
        var unprocessed = db.OutboxMessages.AsNoTracking().Where(m => m.ProcessedAt == null);
        var waiting = await unprocessed.CountAsync(m => m.ParkedAt == null, ct);
        var parked = await unprocessed.CountAsync(m => m.ParkedAt != null, ct);
        var oldest = await unprocessed.Where(m => m.ParkedAt == null).MinAsync(m => (DateTimeOffset?)m.OccurredAt, ct);
        var integrity = await db.Set<IntegrityCheckRecord>().AsNoTracking()
            .OrderByDescending(c => c.CheckedAt)
            .FirstOrDefaultAsync(ct);
        return new BackgroundHealth(waiting, parked, oldest is { } at ? now - at : null, integrity?.CheckedAt, integrity?.Issues);
    }
}
