using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Store.Infrastructure.Caching;

/// <summary>
/// LISTENs on <see cref="CacheMessage.Channel"/> over a connection of its own (outside the pool: a pooled
/// connection would be reset and lose its LISTEN), and drops the named cache when another instance changed something.
/// The connection sends a keepalive query when idle, so a database restart or a dead network is noticed within
/// seconds; the listener then reconnects with a growing pause (at most 5 s) and drops every cache, because whatever was
/// notified while it was away is lost.
/// </summary>
public sealed class PostgresCacheListener(string connectionString, LocalCaches caches, CacheInstance instance, ILogger<PostgresCacheListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    public static string ListenerConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 5,
            MaxAutoPrepare = 0,
            ApplicationName = "store-cache-listener",
        }.ConnectionString;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscribedBefore = false;
        var pause = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => OnMessage(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {CacheMessage.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (subscribedBefore)
                {
                    caches.DropAll();
                    logger.LogInformation("Cache invalidation listener reconnected; every cache was dropped");
                }

                instance.Subscribed(subscribedBefore);
                subscribedBefore = true;
                pause = TimeSpan.FromMilliseconds(250);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever failed (the server restarting, the network, a failover), the cure is the same: a new
                // connection, and no trust in anything cached meanwhile.
                instance.Unsubscribed();
                caches.DropAll();
                logger.LogWarning(e, "Cache invalidation listener lost its connection; retrying in {Pause}", pause);
                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    private void OnMessage(string payload)
    {
        if (CacheMessage.TryParse(payload, out var sender, out var cache) && sender != instance.Id)
        {
            caches.Drop(cache);
        }
    }
}
