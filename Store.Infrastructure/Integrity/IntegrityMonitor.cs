using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Integrity;

public sealed record IntegrityIssue(string Check, string Detail);

/// <summary>
/// Checks the invariants the store's money and stock rest on, straight in SQL over the whole database:
/// the ledger explains every count, nothing is oversold, every paid order has its charge and every charge its
/// order, and no reservation outlives its order; and the search's postings match the products they index.
/// </summary>
public sealed class IntegrityMonitor(StoreDbContext db, IClock clock)
{
    private const string PaidStatuses = "'Paid','Fulfilling','Shipped','Delivered','PartiallyRefunded','Refunded','Returned'";

    /// <summary>Runs the check and keeps its outcome (the last one is what the dashboard shows).</summary>
    public async Task<IReadOnlyList<IntegrityIssue>> CheckAndRecordAsync(CancellationToken ct = default)
    {
        var issues = await CheckAsync(ct);
        db.Set<IntegrityCheckRecord>().Add(new IntegrityCheckRecord(clock.UtcNow, issues.Count, string.Join("\n", issues.Take(20).Select(i => $"{i.Check}: {i.Detail}"))));
        await db.SaveChangesAsync(ct);
        return issues;
    }

    public async Task<IReadOnlyList<IntegrityIssue>> CheckAsync(CancellationToken ct = default)
    {
        var issues = new List<IntegrityIssue>();
        issues.AddRange(await QueryAsync("ledger", """
            SELECT format('variant %s at location %s: on hand %s, reserved %s, but the ledger sums to %s and %s',
                          i.variant_id, i.location_id, i.on_hand, i.reserved, coalesce(m.on_hand, 0), coalesce(m.reserved, 0)) AS "Value"
            FROM inventory i
            LEFT JOIN (SELECT variant_id, location_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved
                       FROM stock_movements GROUP BY variant_id, location_id) m
              ON m.variant_id = i.variant_id AND m.location_id = i.location_id
            WHERE i.on_hand <> coalesce(m.on_hand, 0) OR i.reserved <> coalesce(m.reserved, 0)
            LIMIT 100
            """, ct));
        issues.AddRange(await QueryAsync("oversold", """
            SELECT format('variant %s at location %s: on hand %s, reserved %s', variant_id, location_id, on_hand, reserved) AS "Value"
            FROM inventory WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand LIMIT 100
            """, ct));
        issues.AddRange(await QueryAsync("paid-without-charge", $"""
            SELECT format('order #%s is %s but has no successful payment', o.number, o.status) AS "Value"
            FROM orders o
            WHERE o.status IN ({PaidStatuses})
              AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.status = 'Succeeded')
            LIMIT 100
            """, ct));
        issues.AddRange(await QueryAsync("charge-without-order", $"""
            SELECT format('payment %s succeeded but order #%s is %s', p.id, o.number, o.status) AS "Value"
            FROM payments p JOIN orders o ON o.id = p.order_id
            WHERE p.status = 'Succeeded' AND o.status NOT IN ({PaidStatuses})
            LIMIT 100
            """, ct));
        issues.AddRange(await QueryAsync("reservation-outlives-order", """
            SELECT format('order #%s is %s but still holds %s units of variant %s', o.number, o.status, r.quantity, r.variant_id) AS "Value"
            FROM stock_reservations r JOIN orders o ON o.id = r.order_id
            WHERE r.status = 0 AND o.status <> 'AwaitingPayment'
            LIMIT 100
            """, ct));
        issues.AddRange(await QueryAsync("reserved-mismatch", """
            SELECT format('variant %s at location %s: reserved %s, active reservations %s', i.variant_id, i.location_id, i.reserved, coalesce(r.held, 0)) AS "Value"
            FROM inventory i
            LEFT JOIN (SELECT variant_id, location_id, sum(quantity) AS held FROM stock_reservations WHERE status = 0 GROUP BY variant_id, location_id) r
              ON r.variant_id = i.variant_id AND r.location_id = i.location_id
            WHERE i.reserved <> coalesce(r.held, 0)
            LIMIT 100
            """, ct));
        // The search ranks from search_postings, kept by triggers: every published product has one posting per lexeme
        // of its search vector, and nothing else has any (a bulk load with triggers off would break this).
        issues.AddRange(await QueryAsync("search-postings", """
            SELECT format('product %s (%s): %s search postings, %s expected', p.id, CASE WHEN p.is_published THEN 'published' ELSE 'draft' END,
                          coalesce(s.n, 0), CASE WHEN p.is_published THEN length(p.search_vector) ELSE 0 END) AS "Value"
            FROM products p
            LEFT JOIN (SELECT product_id, count(*) AS n FROM search_postings GROUP BY product_id) s ON s.product_id = p.id
            WHERE coalesce(s.n, 0) <> CASE WHEN p.is_published THEN length(p.search_vector) ELSE 0 END
            UNION ALL
            SELECT format('search postings for product %s, which does not exist', s.product_id)
            FROM (SELECT DISTINCT product_id FROM search_postings) s
            WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = s.product_id)
            LIMIT 100
            """, ct));
        return issues;
    }

    private async Task<IEnumerable<IntegrityIssue>> QueryAsync(string check, string sql, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<string>(sql).ToListAsync(ct)).Select(detail => new IntegrityIssue(check, detail));
}
