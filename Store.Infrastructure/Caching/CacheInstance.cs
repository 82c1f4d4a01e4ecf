namespace Store.Infrastructure.Caching;

/// <summary>
/// Who this process is on the invalidation channel (so it skips its own messages), and the state of its listener (read
/// by the caching tests).
/// </summary>
public sealed class CacheInstance
{
    private long _received;
    private long _reconnects;
    private volatile bool _listening;

    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether the listener is subscribed right now; while it is not, other instances' changes go unseen.</summary>
    public bool Listening => _listening;

    public long Received => Interlocked.Read(ref _received);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public void CountReceived() => Interlocked.Increment(ref _received);

    public void Subscribed(bool again)
    {
        _listening = true;
        if (again)
        {
            Interlocked.Increment(ref _reconnects);
        }
    }

    public void Unsubscribed() => _listening = false;
}
