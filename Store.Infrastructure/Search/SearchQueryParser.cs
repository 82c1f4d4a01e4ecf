namespace Store.Infrastructure.Search;

/// <summary>Turns URL query values (shared by the storefront page and the API) into a <see cref="SearchQuery"/>, or says what is wrong.</summary>
public static class SearchQueryParser
{
    public static (SearchQuery Query, Dictionary<string, string[]> Errors) Parse(
        string? q,
        string[]? category,
        string[]? brand,
        string? price,
        string? instock,
        string[]? size,
        string[]? colour,
        string? sort,
        int? page,
        int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedSort = SearchQuery.ParseSort(sort);
        if (parsedSort is null)
        {
            errors["Sort"] = ["sort is relevance, price-asc, price-desc, newest or best-selling."];
        }

        var band = string.IsNullOrEmpty(price) ? null : PriceBand.Parse(price);
        if (!string.IsNullOrEmpty(price) && band is null)
        {
            errors["Price"] = ["price is a range in whole units, min-max (\"25-50\", \"200-\")."];
        }

        bool? inStock = instock?.ToLowerInvariant() switch
        {
            null or "" or "0" or "false" => false,
            "1" or "true" => true,
            _ => null,
        };
        if (inStock is null)
        {
            errors["Instock"] = ["instock is 1 or 0."];
        }

        if (page is < 1 or > SearchQuery.MaxPage)
        {
            errors["Page"] = [$"page is 1 to {SearchQuery.MaxPage}."];
        }

        if (pageSize is < 1 or > SearchQuery.MaxPageSize)
        {
            errors["PageSize"] = [$"pageSize is 1 to {SearchQuery.MaxPageSize}."];
        }

        if (q?.Length > SearchQuery.MaxQueryLength)
        {
            errors["Q"] = [$"q is at most {SearchQuery.MaxQueryLength} characters."];
        }

        var query = new SearchQuery
        {
            Text = q,
            Categories = Clean(category),
            Brands = Clean(brand),
            Price = band,
            InStockOnly = inStock ?? false,
            Sizes = Clean(size),
            Colours = Clean(colour),
            Sort = parsedSort ?? SearchSort.Relevance,
            Page = page is >= 1 and <= SearchQuery.MaxPage ? page.Value : 1,
            PageSize = pageSize is >= 1 and <= SearchQuery.MaxPageSize ? pageSize.Value : 24,
        };
        return (query, errors);
    }

    private static string[] Clean(string[]? values) =>
        values is null ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 100).Select(v => v.Trim()).Distinct().Take(20)];
}
