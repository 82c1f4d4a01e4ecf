using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Pricing;

/// <summary>
/// Keeps products.facet_sale_price_from, the reduced "price from" that search filters, price facets and price sort
/// read (coalesced with the regular facet_price_from the variant triggers keep). Sales have time windows a trigger
/// cannot follow, so this runs when pricing changes in the admin and with every markdown evaluation: a sale that starts
/// or ends on its own reaches search filters within one job interval, while cards are priced live. Only products with
/// a running sale, an open markdown or an old reduced price are priced, through the one <see cref="PriceResolver"/>.
/// </summary>
public sealed class PriceFacts(StoreDbContext db, PriceResolver prices, IClock clock)
{
    public async Task<int> RefreshAsync(CancellationToken ct = default)
    {
        var now = clock.UtcNow;
        var ids = await db.Database.SqlQuery<int>($"""
            SELECT id AS "Value" FROM products WHERE facet_sale_price_from IS NOT NULL
            UNION SELECT coalesce(s.product_id, v.product_id) FROM sale_prices s LEFT JOIN product_variants v ON v.id = s.variant_id
                  WHERE (s.starts_at IS NULL OR s.starts_at <= {now}) AND (s.ends_at IS NULL OR s.ends_at > {now})
            UNION SELECT v.product_id FROM markdowns m JOIN product_variants v ON v.id = m.variant_id WHERE m.ended_at IS NULL
            """).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        var lowest = await prices.LowestByProductAsync(ids, ct);
        var productIds = ids.ToArray();
        var reduced = ids.Select(id => lowest.TryGetValue(id, out var p) && p.IsReduced ? (long?)p.UnitPrice.Minor : null).ToArray();
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE products p SET facet_sale_price_from = x.price
            FROM unnest({productIds}, {reduced}) AS x(id, price)
            WHERE p.id = x.id AND p.facet_sale_price_from IS DISTINCT FROM x.price
            """, ct);
    }
}
