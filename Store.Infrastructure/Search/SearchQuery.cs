namespace Store.Infrastructure.Search;

public enum SearchSort
{
    Relevance,
    PriceAsc,
    PriceDesc,
    Newest,
    BestSelling,
}

/// <summary>What a shopper asked for: text, filters (values within a facet are OR-ed, facets AND-ed), sort and page.</summary>
public sealed record SearchQuery
{
    public const int MaxQueryLength = 200;
    public const int MaxPageSize = 100;
    public const int MaxPage = 1000;

    /// <summary>
    /// How many of the words' best matches a search looks at. Ranking every match of a common word in a large catalog
    /// and counting facets over all of them costs more than shoppers gain: nobody pages past the best thousand, and
    /// filters then narrow within them. The result says when the cap cut (<see cref="SearchResult.CappedAt"/>).
    /// </summary>
    public const int DefaultCandidateCap = 1000;

    public string? Text { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Brands { get; init; } = [];
    public PriceBand? Price { get; init; }
    public bool InStockOnly { get; init; }
    public IReadOnlyList<string> Sizes { get; init; } = [];
    public IReadOnlyList<string> Colours { get; init; } = [];

    /// <summary>
    /// Attribute filters, attribute code → values in their stored spelling ("true" for yes, "12.5"): values of one code
    /// are OR-ed, codes AND-ed with each other and with the other filters. A code no attribute has matches nothing, as
    /// an unknown brand does.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 24;

    /// <summary>The most text matches considered (by rank); filters, facets, sorts and pages work within them. Not used without text.</summary>
    public int CandidateCap { get; init; } = DefaultCandidateCap;

    /// <summary>Write the search to the log; only a first look (page 1, no filter) is written, so paging and facet clicks do not inflate the report.</summary>
    public bool Record { get; init; }

    public bool HasFilters => Categories.Count > 0 || Brands.Count > 0 || Price is not null || InStockOnly || Sizes.Count > 0 || Colours.Count > 0 || Attributes.Count > 0;

    public static string SortKey(SearchSort sort) => sort switch
    {
        SearchSort.PriceAsc => "price-asc",
        SearchSort.PriceDesc => "price-desc",
        SearchSort.Newest => "newest",
        SearchSort.BestSelling => "best-selling",
        _ => "relevance",
    };

    public static SearchSort? ParseSort(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "relevance" => SearchSort.Relevance,
        "price-asc" => SearchSort.PriceAsc,
        "price-desc" => SearchSort.PriceDesc,
        "newest" => SearchSort.Newest,
        "best-selling" => SearchSort.BestSelling,
        _ => null,
    };
}
