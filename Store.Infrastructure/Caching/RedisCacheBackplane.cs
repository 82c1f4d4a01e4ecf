using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Store.Infrastructure.Caching;

/// <summary>
/// PUBLISH on the store's channel in Redis (ConnectionStrings:Redis). A catalog message first advances the second
/// level's generation and carries it. While Redis is away the message waits and is retried (pause growing to 5 s), so
/// the other instances are told once it is back; meanwhile they see the change when their entries expire.
/// </summary>
public sealed class RedisCacheBackplane(RedisConnection redis, CatalogSecondLevel secondLevel, CacheInstance instance, ILogger<RedisCacheBackplane> logger)
    : CoalescingCacheBackplane, IDisposable
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();

    public static RedisChannel ChannelFor(string prefix) => RedisChannel.Literal($"{prefix}:{CacheMessage.Channel}");

    public void Dispose() => _stopping.Cancel();

    protected override async Task SendAsync(string cache)
    {
        var pause = FirstPause;
        for (var attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                var generation = cache == CacheNames.Catalog ? await secondLevel.AdvanceAsync() : (long?)null;
                var connection = await redis.GetAsync();
                await connection.GetSubscriber().PublishAsync(ChannelFor(redis.Prefix), CacheMessage.Format(instance.Id, cache, generation));
                if (attempt > 1)
                {
                    logger.LogInformation("Told the other instances over Redis that the {Cache} cache changed (attempt {Attempt})", cache, attempt);
                }

                return;
            }
            catch (ObjectDisposedException)
            {
                // The instance is shutting down: nobody is left to tell.
                return;
            }
            catch (Exception e)
            {
                if (attempt == 1)
                {
                    logger.LogWarning(e, "Could not tell other instances over Redis that the {Cache} cache changed; retrying until Redis answers", cache);
                }

                try
                {
                    await Task.Delay(pause, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }
}
