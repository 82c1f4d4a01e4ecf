using Npgsql;

namespace Store.Infrastructure.Reports;

/// <summary>A day's totals as a row, read either from the aggregate or straight from today's orders.</summary>
public sealed record DayTotalsRow(DateOnly Day, int Orders, int Units, long GrossMinor, int Refunds, long RefundedMinor, int Carts);

/// <summary>
/// The one definition of a day's totals, used both to fill <c>sales_daily_totals</c> and to read today live, so the
/// two can never disagree. An order counts on the day it was paid (whatever happened to it since: it stays a sale,
/// and a refund is its own negative on the day it was given); days are UTC days.
/// </summary>
internal static class DayTotalsSql
{
    /// <summary>Columns named as <see cref="DayTotalsRow"/>'s properties in snake case (the context's convention); parameters @from, @to and @currency.</summary>
    public const string Select = """
        WITH paid AS (
            SELECT (o.paid_at AT TIME ZONE 'UTC')::date AS day, count(*) AS orders, sum(o.total_minor) AS gross,
                   sum((SELECT sum(i.quantity) FROM order_items i WHERE i.order_id = o.id)) AS units
            FROM orders o
            WHERE o.paid_at >= @from AND o.paid_at < @to AND o.currency = @currency
            GROUP BY 1),
        refunded AS (
            SELECT (r.created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS refunds, sum(r.amount_minor) AS amount
            FROM refunds r
            WHERE r.created_at >= @from AND r.created_at < @to AND r.currency = @currency
            GROUP BY 1),
        created AS (
            SELECT (c.created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS carts
            FROM carts c
            WHERE c.created_at >= @from AND c.created_at < @to
            GROUP BY 1)
        SELECT day, coalesce(p.orders, 0)::int AS orders, coalesce(p.units, 0)::int AS units,
               coalesce(p.gross, 0)::bigint AS gross_minor, coalesce(r.refunds, 0)::int AS refunds,
               coalesce(r.amount, 0)::bigint AS refunded_minor, coalesce(c.carts, 0)::int AS carts
        FROM paid p FULL JOIN refunded r USING (day) FULL JOIN created c USING (day)
        """;

    public static NpgsqlParameter[] Parameters(DateTimeOffset from, DateTimeOffset to, string currency) =>
        [new("from", from), new("to", to), new("currency", currency)];
}
