using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Store.Infrastructure.Caching;

namespace Store.Infrastructure.Catalog;

/// <summary>
/// Short-lived cache of catalog reads. A change made through the admin bumps the version, so edits show at once (on
/// the other instances too: <see cref="Invalidate"/> tells them through the <see cref="ICacheBackplane"/>);
/// stock shown in listings may lag by at most <see cref="Lifetime"/> (adding to the cart always checks real stock).
/// When an entry is missing, one caller loads it and every concurrent caller of the same key awaits that load, so an
/// expiring popular page or search costs one query, not one per waiting request. With Redis, an entry missing here is
/// looked for in the <see cref="CatalogSecondLevel"/> before it is loaded, and a loaded one is stored there too.
/// </summary>
public sealed class CatalogCache(IMemoryCache cache, ICacheBackplane backplane, CatalogSecondLevel? secondLevel = null)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Task<object?>> _loading = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Changes with every invalidation, local or announced by another instance: a key for caches built on catalog reads.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>After a committed change: drops this instance's entries and tells the other instances.</summary>
    public void Invalidate()
    {
        // Off the second level before the local drop: a reload in between must not fetch the shared, older entry.
        secondLevel?.Changed();
        InvalidateLocal();
        backplane.Publish(CacheNames.Catalog);
    }

    /// <summary>Drops this instance's entries only (another instance made the change and told everyone).</summary>
    public void InvalidateLocal() => Interlocked.Increment(ref _version);

    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load)
    {
        var versioned = $"catalog:{Interlocked.Read(ref _version)}:{key}";
        if (cache.TryGetValue(versioned, out T? hit))
        {
            return hit!;
        }

        var mine = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loading = _loading.GetOrAdd(versioned, mine.Task);
        if (loading != mine.Task)
        {
            try
            {
                return (T)(await loading)!;
            }
            catch
            {
                // The load this caller waited on failed or was cancelled with its own request: load for this one.
                return await load();
            }
        }

        try
        {
            var (value, lifetime) = await LoadAsync(key, load);
            cache.Set(versioned, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
            mine.SetResult(value);
            return value;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            _ = mine.Task.Exception; // observed here: waiters, if any, load for themselves
            throw;
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<string, Task<object?>>(versioned, mine.Task));
        }
    }

    private async Task<(T Value, TimeSpan Lifetime)> LoadAsync<T>(string key, Func<Task<T>> load)
    {
        // The generation is read before loading: if a change is announced meanwhile, the entry goes under the old one.
        if (secondLevel?.Generation is not { } generation)
        {
            return (await load(), Lifetime);
        }

        var shared = await secondLevel.TryGetAsync<T>(generation, key);
        if (shared.Found)
        {
            return (shared.Value!, shared.Left < Lifetime ? shared.Left : Lifetime);
        }

        var value = await load();
        await secondLevel.SetAsync(generation, key, value, Lifetime);
        return (value, Lifetime);
    }
}
