using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Store.Infrastructure.Caching;

/// <summary>
/// SUBSCRIBEs to the store's channel in Redis and drops the named cache when another instance changed something (first
/// taking the catalog generation the message carries). The client reconnects by itself; this loop notices a lost
/// connection at once (or within a second), keeps the second level aside and drops every cache, since messages sent
/// meanwhile are lost; once Redis answers again it subscribes anew (pause growing to 5 s), reads the generation, and
/// drops every cache again.
/// </summary>
public sealed class RedisCacheListener(
    RedisConnection redis,
    CatalogSecondLevel secondLevel,
    LocalCaches caches,
    CacheInstance instance,
    ILogger<RedisCacheListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IConnectionMultiplexer connection;
        try
        {
            connection = await redis.GetAsync().WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var channel = RedisCacheBackplane.ChannelFor(redis.Prefix);
        var subscriber = connection.GetSubscriber();
        connection.ConnectionFailed += Wake;
        connection.ConnectionRestored += Wake;
        try
        {
            await ListenAsync(subscriber, channel, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            connection.ConnectionFailed -= Wake;
            connection.ConnectionRestored -= Wake;
            instance.Unsubscribed();
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task ListenAsync(ISubscriber subscriber, RedisChannel channel, CancellationToken stoppingToken)
    {
        var subscribed = false;
        var subscribedBefore = false;
        var pause = FirstPause;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!subscribed)
            {
                try
                {
                    // Subscribed anew rather than trusting the client's own resubscription, so that being subscribed
                    // here means the server has confirmed it; then the generation, so no change falls in between.
                    await subscriber.UnsubscribeAsync(channel);
                    await subscriber.SubscribeAsync(channel, (_, message) => OnMessage(message));
                    await secondLevel.RefreshAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // After a lost connection the warning was given when it was lost.
                    if (pause == FirstPause && !subscribedBefore)
                    {
                        logger.LogWarning(e, "Cache invalidation over Redis is not subscribed; retrying (pause growing to {MaxPause})", MaxPause);
                    }

                    await Task.Delay(pause, stoppingToken);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
                    continue;
                }

                if (subscribedBefore)
                {
                    caches.DropAll();
                    logger.LogInformation("Cache invalidation over Redis is back; every cache was dropped");
                }

                instance.Subscribed(subscribedBefore);
                subscribed = subscribedBefore = true;
                pause = FirstPause;
            }
            else if (!subscriber.IsConnected(channel))
            {
                // Whatever failed (Redis restarting, the network, a failover), the cure is the same: subscribe again, and
                // trust nothing cached meanwhile.
                subscribed = false;
                secondLevel.Suspend();
                instance.Unsubscribed();
                caches.DropAll();
                logger.LogWarning("Cache invalidation lost its Redis connection; every cache was dropped, the catalog is read from the database");
                continue;
            }

            await _wake.WaitAsync(Check, stoppingToken);
        }
    }

    private void Wake(object? sender, ConnectionFailedEventArgs e) => _wake.Release();

    private void OnMessage(RedisValue message)
    {
        if (CacheMessage.TryParse(message.ToString(), out var sender, out var cache, out var generation) && sender != instance.Id)
        {
            // The generation first: a reload after the drop must read the entries written after the change.
            if (generation is { } g)
            {
                secondLevel.Heard(g);
            }

            caches.Drop(cache);
        }
    }
}
