using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Store.Domain.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Search;

/// <summary>
/// Collects the search log in memory and writes it once a second in one INSERT, so a search served from the cache
/// does not pay for a write and its commit. The log is statistics: the queue is bounded (the oldest rows give way
/// if the database is unreachable), rows are flushed when the host stops, and the report flushes before it reads.
/// </summary>
public sealed class SearchLogWriter(IServiceScopeFactory scopes, IClock clock, ILogger<SearchLogWriter> logger) : BackgroundService
{
    public const int MaxPending = 10_000;

    private const int MaxPerInsert = 1_000;

    private readonly Channel<(string Query, int ResultCount, DateTimeOffset At)> pending =
        Channel.CreateBounded<(string, int, DateTimeOffset)>(new BoundedChannelOptions(MaxPending) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Add(string query, int resultCount) => pending.Writer.TryWrite((query, resultCount, clock.UtcNow));

    public async Task FlushAsync(CancellationToken ct = default)
    {
        while (pending.Reader.TryPeek(out _))
        {
            var batch = new List<(string Query, int ResultCount, DateTimeOffset At)>();
            while (batch.Count < MaxPerInsert && pending.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO search_log (query, result_count, searched_at) SELECT * FROM unnest(@queries, @counts, @ats)",
                [
                    new NpgsqlParameter("queries", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = batch.Select(e => e.Query).ToArray() },
                    new NpgsqlParameter("counts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = batch.Select(e => e.ResultCount).ToArray() },
                    new NpgsqlParameter("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = batch.Select(e => e.At).ToArray() },
                ],
                ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not write the search log; the rows of that batch are lost (it is statistics, not a record)");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }
}
