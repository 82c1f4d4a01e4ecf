using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Store.Domain.Common;

namespace Store.Infrastructure.Caching;

/// <summary>
/// With ConnectionStrings:Redis, the catalog cache's second level: an entry one instance loaded is read by the others
/// from Redis (<see cref="IDistributedCache"/>) instead of the database, and kept as long as the first one keeps it.
/// Entries are named by a generation, a counter in Redis that every committed catalog change advances before the change
/// is announced (the message carries the new number): an instance reads and writes only under the newest generation it
/// has heard of, so an entry loaded before a change is never read after it, and nothing needs deleting. This instance
/// stays off the second level from its own change until that change has its number, and while it is not subscribed.
/// Redis failing is never the request's failure: the entry is loaded from the database, a warning is logged once, and
/// Redis is left alone for a few seconds.
/// </summary>
public sealed class CatalogSecondLevel(IDistributedCache cache, RedisConnection redis, IClock clock, ILogger<CatalogSecondLevel> logger)
{
    // A missing counter starts at the time in milliseconds: after Redis lost its data (a restart without persistence)
    // the new numbers are above every generation an instance still holds, so none of them skips the new entries.
    private const string AdvanceScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
        return redis.call('INCR', KEYS[1])
        """;

    private const string ReadScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'NX')
        return tonumber(redis.call('GET', KEYS[1]))
        """;

    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(5);

    // Another build may store the same types differently: during a rolling upgrade each build has its own entries.
    private static readonly string Build = typeof(CatalogSecondLevel).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    private readonly Lock _gate = new();
    private long _generation = -1;
    private long _changes;
    private long _numbered;
    private long _pausedUntil;
    private int _failing;
    private long _hits;
    private long _unreadable;

    /// <summary>The generation to read and write under; null while this instance must not use the second level.</summary>
    public long? Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation >= 0 && _numbered == _changes ? _generation : null;
            }
        }
    }

    /// <summary>Entries read from Redis instead of loaded (read by the tests).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Entries found but not readable as their type: a bug within one build (read by the tests).</summary>
    public long Unreadable => Interlocked.Read(ref _unreadable);

    private RedisKey GenerationKey => $"{redis.Prefix}:catalog:generation";

    /// <summary>A catalog change of this instance committed: off the second level until <see cref="AdvanceAsync"/> numbers it.</summary>
    public void Changed()
    {
        lock (_gate)
        {
            _changes++;
        }
    }

    /// <summary>Another instance announced a change under <paramref name="generation"/>.</summary>
    public void Heard(long generation)
    {
        lock (_gate)
        {
            _generation = Math.Max(_generation, generation);
        }
    }

    /// <summary>Not subscribed: changes may go unheard, so the second level is not used until <see cref="RefreshAsync"/>.</summary>
    public void Suspend()
    {
        lock (_gate)
        {
            _generation = -1;
        }
    }

    /// <summary>Gives this instance's committed changes a new generation (announced by the backplane); throws when Redis does.</summary>
    public async Task<long> AdvanceAsync()
    {
        long changes;
        lock (_gate)
        {
            changes = _changes;
        }

        // Every change counted above committed before this increment runs, so entries under its result are newer.
        var generation = (long)await (await redis.GetAsync()).GetDatabase().ScriptEvaluateAsync(AdvanceScript, [GenerationKey], [Seed()]);
        lock (_gate)
        {
            _generation = Math.Max(_generation, generation);
            _numbered = Math.Max(_numbered, changes);
        }

        return generation;
    }

    /// <summary>Reads the current generation (once subscribed: any later change is heard); throws when Redis does.</summary>
    public async Task RefreshAsync()
    {
        var generation = (long)await (await redis.GetAsync()).GetDatabase().ScriptEvaluateAsync(ReadScript, [GenerationKey], [Seed()]);
        Heard(generation);
    }

    /// <summary>The entry and how much longer it may be kept; not found when it is absent, expired or unreadable, or Redis fails.</summary>
    public async Task<(bool Found, T? Value, TimeSpan Left)> TryGetAsync<T>(long generation, string key)
    {
        if (!Available)
        {
            return default;
        }

        try
        {
            var bytes = await cache.GetAsync(EntryKey(generation, key));
            Answered();
            if (bytes is null)
            {
                return default;
            }

            if (!SecondLevelSerializer.TryDeserialize<T>(bytes, out var value, out var expires))
            {
                Interlocked.Increment(ref _unreadable);
                logger.LogWarning("The catalog entry {Key} in Redis is not a {Type}; loaded from the database instead", key, typeof(T).Name);
                return default;
            }

            var left = expires - clock.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return default;
            }

            Interlocked.Increment(ref _hits);
            return (true, value, left);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failed(e, "read");
            return default;
        }
    }

    public async Task SetAsync<T>(long generation, string key, T value, TimeSpan lifetime)
    {
        if (!Available)
        {
            return;
        }

        try
        {
            var bytes = SecondLevelSerializer.Serialize(value, clock.UtcNow + lifetime);
            await cache.SetAsync(EntryKey(generation, key), bytes, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime });
            Answered();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failed(e, "write");
        }
    }

    /// <summary>The name of an entry in Redis after the distributed cache's instance prefix (what the tests look for).</summary>
    public static string EntryKey(long generation, string key) => $"catalog:{Build}:{generation}:{key}";

    private bool Available => redis.Connected is not null && Environment.TickCount64 >= Interlocked.Read(ref _pausedUntil);

    private string Seed() => clock.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Answered()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            logger.LogInformation("Redis answers again: the catalog's second level is back in use");
        }
    }

    private void Failed(Exception e, string operation)
    {
        // A slow or unreachable Redis must cost requests as little as possible: a few seconds without it.
        Interlocked.Exchange(ref _pausedUntil, Environment.TickCount64 + (long)FailurePause.TotalMilliseconds);
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            logger.LogWarning(e, "Redis failed a catalog cache {Operation}; the catalog is read from the database", operation);
        }
    }
}
