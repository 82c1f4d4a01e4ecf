namespace Store.Infrastructure.Search;

public sealed class SearchOptions
{
    public const string Section = "Store:Search";

    /// <summary>
    /// Keep each search's (and autocomplete's) answer in the catalog cache (dropped on any catalog change made through the store, and after
    /// <see cref="Catalog.CatalogCache.Lifetime"/> at most). Off, every search runs its query: the benchmark measures both.
    /// </summary>
    public bool CacheResults { get; set; } = true;
}
