using System.Collections.Concurrent;

namespace Store.Infrastructure.Caching;

/// <summary>
/// What both transports share: callers publish after their commit; sending happens off their request, one message per
/// cache however many changes queued meanwhile (a drop is idempotent, so a burst of saves costs one message each way).
/// </summary>
public abstract class CoalescingCacheBackplane : ICacheBackplane
{
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

    /// <summary>Sends one message, retrying as the transport sees fit; never throws.</summary>
    protected abstract Task SendAsync(string cache);

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
}
