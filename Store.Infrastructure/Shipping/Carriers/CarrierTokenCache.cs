using System.Collections.Concurrent;
using Store.Domain.Common;

namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>
/// OAuth client-credential tokens, one per carrier, shared by every request of this instance. A token is replaced
/// <see cref="RefreshMargin"/> before it expires, so a request never leaves with one that dies on the way; one caller
/// fetches while the others wait for it, so a burst of checkouts asks for one token, not one each.
/// </summary>
public sealed class CarrierTokenCache(IClock clock)
{
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<string> GetAsync(string carrier, Func<CancellationToken, Task<CarrierToken>> fetch, CancellationToken ct)
    {
        var entry = entries.GetOrAdd(carrier, _ => new Entry());
        if (entry.Token is { } fresh && clock.UtcNow < fresh.ExpiresAt - RefreshMargin)
        {
            return fresh.Value;
        }

        await entry.Gate.WaitAsync(ct);
        try
        {
            if (entry.Token is { } other && clock.UtcNow < other.ExpiresAt - RefreshMargin)
            {
                return other.Value;
            }

            var token = await fetch(ct);
            entry.Token = token;
            return token.Value;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Drops a token the carrier refused (revoked, or the credentials changed) so the next call fetches one.</summary>
    public void Forget(string carrier)
    {
        if (entries.TryGetValue(carrier, out var entry))
        {
            entry.Token = null;
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile CarrierToken? Token;
    }
}
