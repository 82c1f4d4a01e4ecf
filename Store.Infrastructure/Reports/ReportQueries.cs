using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Reports;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Reports;

/// <summary>
/// Every report of the reports page, as a <see cref="ReportTable"/> for a period of whole UTC days. Sales over time,
/// products and categories read the daily aggregates for past days and the orders for today; the other breakdowns
/// (customer group, promotion code, tax zone, shipping method, refunds, returns) read the period's orders directly,
/// which stays quick for the thousands of orders a report period holds; stock valuation and slow movers are as of now.
/// </summary>
public sealed class ReportQueries(StoreDbContext db, IClock clock, IOptions<ShopOptions> shop)
{
    private const int MaxRows = 500;

    private static readonly ReportColumn[] SalesColumns =
    [
        new("Period", ReportColumnKind.Text), new("Orders", ReportColumnKind.Number), new("Units", ReportColumnKind.Number),
        new("Charged", ReportColumnKind.Money), new("Refunded", ReportColumnKind.Money), new("Net sales", ReportColumnKind.Money),
    ];

    public DateOnly Today => DateOnly.FromDateTime(clock.UtcNow.UtcDateTime);

    private string Currency => shop.Value.Currency.Trim().ToUpperInvariant();

    private static string PaidStates => string.Join(",", OrderStateMachine.PaidStates.Append(OrderStatus.Refunded).Select(s => $"'{s}'"));

    public async Task<ReportTable> RunAsync(ReportKind kind, ReportPeriod period, CancellationToken ct = default) => kind switch
    {
        ReportKind.SalesByDay => await SalesAsync(kind, period, d => d, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct),
        ReportKind.SalesByWeek => await SalesAsync(kind, period, d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)), d => "week of " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct),
        ReportKind.SalesByMonth => await SalesAsync(kind, period, d => new DateOnly(d.Year, d.Month, 1), d => d.ToString("yyyy-MM", CultureInfo.InvariantCulture), ct),
        ReportKind.Products => await SoldAsync(kind, period, "p.name", "c.name", ct),
        ReportKind.Categories => await SoldAsync(kind, period, "c.name", null, ct),
        ReportKind.CustomerGroups => await OrdersByAsync(
            kind,
            period,
            "Customer group",
            """coalesce(nullif(u.customer_group, ''), CASE WHEN o.customer_id IS NULL THEN 'Guests' ELSE 'No group' END)""",
            """LEFT JOIN "AspNetUsers" u ON u.id = o.customer_id""",
            ct),
        ReportKind.ShippingMethods => await OrdersByAsync(kind, period, "Shipping method", "coalesce(o.shipping_service, '(none)')", "", ct),
        ReportKind.PromotionCodes => await TableAsync(
            kind,
            "Orders paid in the period that used a code: the discount given and what the orders charged.",
            [new("Code", ReportColumnKind.Text), new("Orders", ReportColumnKind.Number), new("Discount", ReportColumnKind.Money), new("Charged", ReportColumnKind.Money)],
            $"""
            SELECT coalesce(r.code, r.label) AS a, count(DISTINCT o.id)::bigint AS b, sum(r.amount_minor)::bigint AS c, sum(o.total_minor)::bigint AS d
            FROM promotion_redemptions r JOIN orders o ON o.id = r.order_id
            WHERE r.released_at IS NULL AND {PaidInPeriod}
            GROUP BY 1 ORDER BY 3 DESC, 1
            """,
            period,
            ct),
        ReportKind.TaxZones => await TableAsync(
            kind,
            "Tax charged on the orders paid in the period, per zone and rate, as checkout computed it.",
            [new("Zone", ReportColumnKind.Text), new("Rate %", ReportColumnKind.Text), new("Orders", ReportColumnKind.Number), new("Taxable", ReportColumnKind.Money), new("Tax", ReportColumnKind.Money)],
            $"""
            SELECT t.zone_name AS a, t.rate_percent::text AS b, count(DISTINCT o.id)::bigint AS c, sum(t.taxable_net_minor)::bigint AS d, sum(t.tax_minor)::bigint AS e
            FROM order_tax_lines t JOIN orders o ON o.id = t.order_id
            WHERE {PaidInPeriod}
            GROUP BY 1, 2 ORDER BY 5 DESC, 1
            """,
            period,
            ct),
        ReportKind.Refunds => await TableAsync(
            kind,
            "Money given back in the period, one refund per line.",
            [new("Day", ReportColumnKind.Text), new("Order", ReportColumnKind.Text), new("Amount", ReportColumnKind.Money), new("Reason", ReportColumnKind.Text), new("By", ReportColumnKind.Text)],
            """
            SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS a, '#' || o.number AS b, r.amount_minor AS c, r.reason AS d, r.actor AS e
            FROM refunds r JOIN orders o ON o.id = r.order_id
            WHERE r.created_at >= @from AND r.created_at < @to AND r.currency = @currency
            ORDER BY r.created_at DESC
            """,
            period,
            ct),
        ReportKind.Returns => await TableAsync(
            kind,
            "Orders whose goods came back in the period.",
            [new("Day", ReportColumnKind.Text), new("Order", ReportColumnKind.Text), new("Total", ReportColumnKind.Money), new("Note", ReportColumnKind.Text), new("By", ReportColumnKind.Text)],
            """
            SELECT to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS a, '#' || o.number AS b, o.total_minor AS c, coalesce(h.note, '') AS d, h.actor AS e
            FROM order_status_changes h JOIN orders o ON o.id = h.order_id
            WHERE h."to" = 'Returned' AND h.at >= @from AND h.at < @to AND o.currency = @currency
            ORDER BY h.at DESC
            """,
            period,
            ct),
        ReportKind.StockValuation => await TableAsync(
            kind,
            "Units on hand now at their unit cost (from the Sourcing tab); a variant without a cost counts as zero.",
            [new("SKU", ReportColumnKind.Text), new("Product", ReportColumnKind.Text), new("On hand", ReportColumnKind.Number), new("Unit cost", ReportColumnKind.Money), new("Value", ReportColumnKind.Money)],
            """
            SELECT v.sku AS a, p.name AS b, sum(i.on_hand)::bigint AS c, coalesce(v.cost_minor, 0) AS d, (sum(i.on_hand) * coalesce(v.cost_minor, 0))::bigint AS e
            FROM inventory i JOIN product_variants v ON v.id = i.variant_id JOIN products p ON p.id = v.product_id
            WHERE i.on_hand > 0
            GROUP BY v.id, v.sku, p.name, v.cost_minor
            ORDER BY 5 DESC, 1
            """,
            period,
            ct),
        ReportKind.SlowMovers => await TableAsync(
            kind,
            "Variants in stock that sold least in the period (paid orders), fewest first.",
            [new("SKU", ReportColumnKind.Text), new("Product", ReportColumnKind.Text), new("On hand", ReportColumnKind.Number), new("Units sold", ReportColumnKind.Number), new("Last sold", ReportColumnKind.Text)],
            $"""
            WITH stock AS (SELECT variant_id, sum(on_hand) AS on_hand FROM inventory GROUP BY variant_id HAVING sum(on_hand) > 0),
                 sold AS (SELECT i.variant_id, sum(i.quantity) AS units FROM order_items i JOIN orders o ON o.id = i.order_id
                          WHERE {PaidInPeriod} GROUP BY i.variant_id),
                 last AS (SELECT i.variant_id, max(o.paid_at) AS at FROM order_items i JOIN orders o ON o.id = i.order_id
                          WHERE o.paid_at IS NOT NULL GROUP BY i.variant_id)
            SELECT v.sku AS a, p.name AS b, s.on_hand::bigint AS c, coalesce(d.units, 0)::bigint AS d,
                   coalesce(to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'never') AS e
            FROM stock s JOIN product_variants v ON v.id = s.variant_id JOIN products p ON p.id = v.product_id
            LEFT JOIN sold d ON d.variant_id = s.variant_id LEFT JOIN last l ON l.variant_id = s.variant_id
            ORDER BY 4, l.at NULLS FIRST, 1
            """,
            period,
            ct),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string PaidInPeriod => $"o.paid_at >= @from AND o.paid_at < @to AND o.currency = @currency AND o.status IN ({PaidStates})";

    private async Task<ReportTable> SalesAsync(ReportKind kind, ReportPeriod period, Func<DateOnly, DateOnly> bucket, Func<DateOnly, string> label, CancellationToken ct)
    {
        var days = (await SalesDays.ReadAsync(db, period.From, period.To, Today, Currency, ct)).ToDictionary(d => d.Day);
        var rows = Enumerable.Range(0, period.Days)
            .Select(i => period.From.AddDays(i))
            .GroupBy(bucket)
            .Select(g =>
            {
                var list = g.Select(d => days.GetValueOrDefault(d)).OfType<DayTotalsRow>().ToList();
                var charged = list.Sum(d => d.GrossMinor);
                var refunded = list.Sum(d => d.RefundedMinor);
                return (IReadOnlyList<object>)[label(g.Key), (long)list.Sum(d => d.Orders), (long)list.Sum(d => d.Units), charged, refunded, charged - refunded];
            })
            .ToList();
        return new ReportTable(
            Title(kind),
            "Orders count on the day they were paid; refunds on the day they were given. Past days from the daily aggregates, today live.",
            Currency,
            SalesColumns,
            rows);
    }

    private async Task<ReportTable> SoldAsync(ReportKind kind, ReportPeriod period, string name, string? second, CancellationToken ct)
    {
        var columns = new List<ReportColumn> { new(kind == ReportKind.Products ? "Product" : "Category", ReportColumnKind.Text) };
        if (second is not null)
        {
            columns.Add(new("Category", ReportColumnKind.Text));
        }

        columns.AddRange([new("Units", ReportColumnKind.Number), new("Revenue", ReportColumnKind.Money)]);
        var secondSelect = second is null ? "''" : second;
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
                WHERE @last >= @today AND o.paid_at >= @todayStart AND o.currency = @currency AND o.status IN ({PaidStates}))
            SELECT {name} AS a, {secondSelect} AS b, sum(s.units)::text AS c, sum(s.revenue_minor)::text AS d, NULL::text AS e
            FROM sold s JOIN products p ON p.id = s.product_id JOIN categories c ON c.id = s.category_id
            GROUP BY {name}, {secondSelect}{(second is null ? "" : ", p.id")}
            ORDER BY 4 DESC, 1
            LIMIT {MaxRows}
            """;
        var today = Today;
        var found = await db.Database.SqlQueryRaw<ReportCells>(
                sql,
                new NpgsqlParameter("first", period.From),
                new NpgsqlParameter("last", period.To),
                new NpgsqlParameter("today", today),
                new NpgsqlParameter("todayStart", SalesDays.StartOf(today)),
                new NpgsqlParameter("currency", Currency))
            .ToListAsync(ct);
        var rows = found.Select(r => second is null
            ? (IReadOnlyList<object>)[r.A ?? "", ReportCells.Long(r.C), ReportCells.Long(r.D)]
            : [r.A ?? "", r.B ?? "", ReportCells.Long(r.C), ReportCells.Long(r.D)]).ToList();
        return new ReportTable(Title(kind), "Goods sold (line totals) in paid orders, gross of refunds. Past days from the daily aggregates, today live.", Currency, columns, rows);
    }

    private Task<ReportTable> OrdersByAsync(ReportKind kind, ReportPeriod period, string label, string key, string join, CancellationToken ct) =>
        TableAsync(
            kind,
            "Orders paid in the period: what they charged and what has been refunded on them since.",
            [new(label, ReportColumnKind.Text), new("Orders", ReportColumnKind.Number), new("Charged", ReportColumnKind.Money), new("Refunded", ReportColumnKind.Money)],
            $"""
            SELECT {key} AS a, count(*)::bigint AS b, sum(o.total_minor)::bigint AS c, sum(o.refunded_minor)::bigint AS d
            FROM orders o {join}
            WHERE {PaidInPeriod}
            GROUP BY 1 ORDER BY 3 DESC, 1
            """,
            period,
            ct);

    /// <summary>
    /// Runs <paramref name="sql"/>, whose columns are named a, b, c… in the order of <paramref name="columns"/> (numbers
    /// and money as integers), over @from, @to (the period's bounds) and @currency.
    /// </summary>
    private async Task<ReportTable> TableAsync(ReportKind kind, string note, ReportColumn[] columns, string sql, ReportPeriod period, CancellationToken ct)
    {
        var cells = string.Join(", ", ReportCells.Names.Select((n, i) => i < columns.Length ? $"r.{n}::text AS {n}" : $"NULL::text AS {n}"));
        // The SQL is this class's own text; the values travel as parameters.
        var query = $"SELECT {cells} FROM ({sql}) r LIMIT {MaxRows}";
        var found = await db.Database.SqlQueryRaw<ReportCells>(
                query,
                new NpgsqlParameter("from", SalesDays.StartOf(period.From)),
                new NpgsqlParameter("to", SalesDays.StartOf(period.To.AddDays(1))),
                new NpgsqlParameter("currency", Currency))
            .ToListAsync(ct);
        var rows = found.Select(r => (IReadOnlyList<object>)columns
            .Select((c, i) => c.Kind == ReportColumnKind.Text ? (object)(r.Cell(i) ?? "") : ReportCells.Long(r.Cell(i)))
            .ToList()).ToList();
        return new ReportTable(Title(kind), note, Currency, columns, rows);
    }

    public static string Title(ReportKind kind) => kind switch
    {
        ReportKind.SalesByDay => "Sales by day",
        ReportKind.SalesByWeek => "Sales by week",
        ReportKind.SalesByMonth => "Sales by month",
        ReportKind.Products => "Sales by product",
        ReportKind.Categories => "Sales by category",
        ReportKind.CustomerGroups => "Sales by customer group",
        ReportKind.PromotionCodes => "Promotion codes",
        ReportKind.TaxZones => "Tax by zone",
        ReportKind.ShippingMethods => "Sales by shipping method",
        ReportKind.Refunds => "Refunds",
        ReportKind.Returns => "Returns",
        ReportKind.StockValuation => "Stock valuation",
        ReportKind.SlowMovers => "Slow movers",
        _ => kind.ToString(),
    };
}
