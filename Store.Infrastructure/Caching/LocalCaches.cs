using Store.Infrastructure.Catalog;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Settings.Providers;

namespace Store.Infrastructure.Caching;

/// <summary>
/// This instance's caches, dropped on a message from another instance (never re-broadcast), and all of them when the
/// listener had to reconnect: messages sent while it was away are lost, so nothing cached before can be trusted.
/// </summary>
public sealed class LocalCaches(CatalogCache catalog, RatesCache rates, ProviderSettingsSource providers, CacheInstance instance)
{
    public void Drop(string cache)
    {
        switch (cache)
        {
            case CacheNames.Catalog:
                catalog.InvalidateLocal();
                break;
            case CacheNames.Rates:
                rates.Invalidate();
                break;
            case CacheNames.Providers:
                providers.Invalidate();
                break;
        }

        instance.CountReceived();
    }

    public void DropAll()
    {
        catalog.InvalidateLocal();
        rates.Invalidate();
        providers.Invalidate();
    }
}
