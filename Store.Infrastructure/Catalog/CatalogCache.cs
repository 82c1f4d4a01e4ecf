using Microsoft.Extensions.Caching.Memory;

namespace Store.Infrastructure.Catalog;

/// <summary>
/// Short-lived cache of catalog reads. A change made through the admin bumps the version, so edits show at once;
/// stock shown in listings may lag by at most <see cref="Lifetime"/> (adding to the cart always checks real stock).
/// </summary>
public sealed class CatalogCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private long _version;

    public void Invalidate() => Interlocked.Increment(ref _version);

    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load)
    {
        var versioned = $"catalog:{Interlocked.Read(ref _version)}:{key}";
        if (cache.TryGetValue(versioned, out T? hit))
        {
            return hit!;
        }

        var value = await load();
        cache.Set(versioned, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return value;
    }
}
