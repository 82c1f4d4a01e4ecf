using Microsoft.Extensions.Logging;
using Npgsql;

namespace Store.Infrastructure.Caching;

/// <summary>NOTIFY on <see cref="CacheMessage.Channel"/> of the store's own database: every instance connected to it hears it.</summary>
public sealed class PostgresCacheBackplane(NpgsqlDataSource dataSource, CacheInstance instance, ILogger<PostgresCacheBackplane> logger)
    : CoalescingCacheBackplane, IDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)];

    public void Dispose() => dataSource.Dispose();

    protected override async Task SendAsync(string cache)
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
