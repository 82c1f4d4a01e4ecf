using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Recommendations;

public sealed record SalesSignals(int ProductsWithNewUnits, int Pairs);

/// <summary>
/// Recomputes from paid orders what search and recommendations read, so neither aggregates orders on a page view:
/// units sold per product in the last 30 days (products.units_sold_30d, the best-selling sort) and, per product, the
/// products most often in the same paid order (bought_together). Each run rebuilds both from scratch in one
/// transaction, so it is idempotent and readers see the old or the new set, never half of one.
/// </summary>
public sealed class SalesSignalsService(StoreDbContext db, IClock clock, CatalogCache cache)
{
    public const int PairsPerProduct = 20;

    public static readonly TimeSpan BestSellerWindow = TimeSpan.FromDays(30);

    /// <summary>How far back co-purchases count: long enough for slow sellers to pair up, short enough to follow taste.</summary>
    public static readonly TimeSpan PairWindow = TimeSpan.FromDays(365);

    // Refunded and returned orders did not stay sold; they count for neither signal.
    private const string SoldStatuses = "'Paid','Fulfilling','Shipped','Delivered','PartiallyRefunded'";

    public Task<SalesSignals> RecomputeAsync(CancellationToken ct = default) =>
        db.RetriableAsync(token => RecomputeOnceAsync(token), ct);

    private async Task<SalesSignals> RecomputeOnceAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Two runs at once (a manual run beside the scheduled one) would both delete and re-insert the same pairs;
        // this lock makes the second wait and then rebuild from the first one's result. Readers are not blocked.
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE bought_together IN SHARE ROW EXCLUSIVE MODE", ct);

        // Only rows whose figure changed are written: every product update rewrites the row and its search vector.
        var products = await db.Database.ExecuteSqlRawAsync(
            $"""
            WITH sold AS (
                SELECT v.product_id, sum(i.quantity)::integer AS units
                FROM orders o
                JOIN order_items i ON i.order_id = o.id
                JOIN product_variants v ON v.id = i.variant_id
                WHERE o.paid_at >= @p0 AND o.status IN ({SoldStatuses})
                GROUP BY v.product_id)
            UPDATE products p SET units_sold_30d = coalesce(s.units, 0)
            FROM products p2 LEFT JOIN sold s ON s.product_id = p2.id
            WHERE p2.id = p.id AND p.units_sold_30d <> coalesce(s.units, 0)
            """,
            [new Npgsql.NpgsqlParameter("p0", now - BestSellerWindow)],
            ct);

        await db.Database.ExecuteSqlRawAsync("DELETE FROM bought_together", ct);
        var pairs = await db.Database.ExecuteSqlRawAsync(
            $"""
            WITH lines AS (
                SELECT DISTINCT i.order_id, v.product_id
                FROM orders o
                JOIN order_items i ON i.order_id = o.id
                JOIN product_variants v ON v.id = i.variant_id
                WHERE o.paid_at >= @p0 AND o.status IN ({SoldStatuses})),
            pairs AS (
                SELECT a.product_id, b.product_id AS other_product_id, count(*)::integer AS orders
                FROM lines a JOIN lines b ON b.order_id = a.order_id AND b.product_id <> a.product_id
                GROUP BY a.product_id, b.product_id),
            ranked AS (
                SELECT pairs.*, row_number() OVER (PARTITION BY product_id ORDER BY orders DESC, other_product_id) AS n FROM pairs)
            INSERT INTO bought_together (product_id, other_product_id, orders)
            SELECT product_id, other_product_id, orders FROM ranked WHERE n <= {PairsPerProduct}
            """,
            [new Npgsql.NpgsqlParameter("p0", now - PairWindow)],
            ct);

        await tx.CommitAsync(ct);
        cache.Invalidate();
        return new SalesSignals(products, pairs);
    }
}
