namespace Store.Infrastructure.Caching;

/// <summary>
/// Who this process is on the invalidation channel, and what it has seen (shown by /api/status for operators and
/// read by the cluster test).
/// </summary>
public sealed class CacheInstance
{
    private long _received;
    private long _reconnects;

    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether the listener is subscribed right now; while it is not, other instances' changes go unseen.</summary>
    public bool Listening { get; private set; }

    public long Received => Interlocked.Read(ref _received);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public void CountReceived() => Interlocked.Increment(ref _received);

    public void Subscribed(bool again)
    {
        Listening = true;
        if (again)
        {
            Interlocked.Increment(ref _reconnects);
        }
    }

    public void Unsubscribed() => Listening = false;
}
