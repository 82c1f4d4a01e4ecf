using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Store.Infrastructure.Caching;

/// <summary>
/// NOTIFY on <see cref="CacheMessage.Channel"/> of the store's own database: every instance connected to it hears it.
/// Callers publish after their commit; sending happens off their request, one message per cache however many
/// changes queued meanwhile (a drop is idempotent, so a burst of saves costs one message each way).
/// </summary>
public sealed class PostgresCacheBackplane(NpgsqlDataSource dataSource, CacheInstance instance, ILogger<PostgresCacheBackplane> logger)
    : ICacheBackplane, IDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)];

    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private int _sending;

    public void Publish(string cache)
    {
        _pending[cache] = 0;
        if (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            _ = Task.Run(SendPendingAsync);
        }
    }

    public void Dispose() => dataSource.Dispose();

    private async Task SendPendingAsync()
    {
        while (true)
        {
            foreach (var cache in _pending.Keys)
            {
                if (_pending.TryRemove(cache, out _))
                {
                    await SendAsync(cache);
                }
            }

            Volatile.Write(ref _sending, 0);

            // A publish that arrived after the loop above but saw _sending still 1 left its cache pending: take it.
            if (_pending.IsEmpty || Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task SendAsync(string cache)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
                command.Parameters.Add(new NpgsqlParameter { Value = CacheMessage.Channel });
                command.Parameters.Add(new NpgsqlParameter { Value = CacheMessage.Format(instance.Id, cache) });
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (ObjectDisposedException)
            {
                // The instance is shutting down: nobody is left to tell.
                return;
            }
            catch (Exception e)
            {
                if (attempt >= RetryDelays.Length)
                {
                    // Other instances' listeners lost their connection too if the database is away, and drop
                    // everything when they reconnect; otherwise they see the change when their entries expire.
                    logger.LogWarning(e, "Could not tell other instances that the {Cache} cache changed", cache);
                    return;
                }

                await Task.Delay(RetryDelays[attempt]);
            }
        }
    }
}
