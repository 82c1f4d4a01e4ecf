using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Search;

public sealed record SearchQueryStat(string Query, int Searches, int LastResultCount, DateTimeOffset LastSearchedAt);

/// <summary>What shoppers look for, and what they look for and do not find, so the owner can fix the catalog.</summary>
public sealed class SearchReport(StoreDbContext db, SearchLogWriter log)
{
    public Task<List<SearchQueryStat>> TopQueriesAsync(int days, int count, CancellationToken ct = default) => StatsAsync(days, count, zeroOnly: false, ct);

    public Task<List<SearchQueryStat>> ZeroResultQueriesAsync(int days, int count, CancellationToken ct = default) => StatsAsync(days, count, zeroOnly: true, ct);

    private async Task<List<SearchQueryStat>> StatsAsync(int days, int count, bool zeroOnly, CancellationToken ct)
    {
        await log.FlushAsync(ct);
        var since = DateTimeOffset.UtcNow.AddDays(-days);
        return await db.Database.SqlQuery<SearchQueryStat>($"""
            SELECT query AS query, count(*)::int AS searches,
                   (array_agg(result_count ORDER BY searched_at DESC))[1] AS last_result_count,
                   max(searched_at) AS last_searched_at
            FROM search_log
            WHERE searched_at >= {since} AND (NOT {zeroOnly} OR result_count = 0)
            GROUP BY query
            ORDER BY count(*) DESC, query
            LIMIT {count}
            """).ToListAsync(ct);
    }
}
