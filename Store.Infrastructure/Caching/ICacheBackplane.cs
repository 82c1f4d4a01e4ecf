namespace Store.Infrastructure.Caching;

/// <summary>
/// Tells the other instances of the store that a cache of theirs holds something a committed change made stale.
/// Two transports exist: PostgreSQL NOTIFY (the default, no extra server) and Redis pub/sub (with
/// ConnectionStrings:Redis). Publishing never blocks or fails the caller: the change is already committed, and a lost
/// message costs at most the cache's own lifetime.
/// </summary>
public interface ICacheBackplane
{
    /// <summary>Sends <paramref name="cache"/> (one of <see cref="CacheNames"/>) once the caller's change has committed.</summary>
    void Publish(string cache);
}
