namespace Store.Infrastructure.Caching;

/// <summary>The in-process caches another instance can make stale, as named in invalidation messages.</summary>
public static class CacheNames
{
    /// <summary><see cref="Catalog.CatalogCache"/>: catalog pages, products, search results, synonyms, facets.</summary>
    public const string Catalog = "catalog";

    /// <summary><see cref="Checkout.RatesCache"/>: tax and shipping zones and methods.</summary>
    public const string Rates = "rates";

    /// <summary><see cref="Settings.Providers.ProviderSettingsSource"/>: payment and carrier credentials saved on the settings page.</summary>
    public const string Providers = "providers";

    public static readonly IReadOnlyList<string> All = [Catalog, Rates, Providers];
}
