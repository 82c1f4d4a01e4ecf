using Store.Infrastructure.Catalog;

namespace Store.Infrastructure.Search;

public sealed record FacetValue(string Value, string Label, int Count);

/// <summary>
/// A facet's counts are taken with every other facet's filter applied, so picking a value never hides its siblings.
/// The name is the query key that filters by it ("brand", "a.material"); the label is what shoppers read.
/// </summary>
public sealed record SearchFacet(string Name, IReadOnlyList<FacetValue> Values)
{
    public string? Label { get; init; }
}

public sealed record SearchResult(
    IReadOnlyList<ProductSummary> Items,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<SearchFacet> Facets,
    string? DidYouMean)
{
    /// <summary>Set when the words matched more products than the search looks at: the results are the best this many by rank.</summary>
    public int? CappedAt { get; init; }

    public int TotalPages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;

    public SearchFacet Facet(string name) => Facets.FirstOrDefault(f => f.Name == name) ?? new SearchFacet(name, []);
}
