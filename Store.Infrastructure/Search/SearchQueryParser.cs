using Microsoft.Extensions.Primitives;
using Store.Domain.Catalog;
using Store.Domain.Common;

namespace Store.Infrastructure.Search;

/// <summary>Turns URL query values (shared by the storefront page and the API) into a <see cref="SearchQuery"/>, or says what is wrong.</summary>
public static class SearchQueryParser
{
    /// <summary>Attribute filters ride in the URL as a.code=value (a.waterproof=true), as on category pages; repeat the key for more values.</summary>
    public const string AttributePrefix = "a.";
    public const int MaxAttributeCodes = 10;
    public const int MaxAttributeValues = 20;

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
        int? pageSize,
        IEnumerable<KeyValuePair<string, StringValues>>? parameters = null)
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

        // PostgreSQL text cannot hold a NUL character: such a value would fail the query rather than match nothing.
        foreach (var (name, values) in new[] { ("Category", category), ("Brand", brand), ("Size", size), ("Colour", colour) })
        {
            if (values?.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true) == true)
            {
                errors[name] = [$"{name.ToLowerInvariant()} may not contain a NUL character."];
            }
        }

        var attributes = Attributes(parameters, errors);
        var query = new SearchQuery
        {
            Text = q,
            Categories = Clean(category),
            Brands = Clean(brand),
            Price = band,
            InStockOnly = inStock ?? false,
            Sizes = Clean(size),
            Colours = Clean(colour),
            Attributes = attributes,
            Sort = parsedSort ?? SearchSort.Relevance,
            Page = page is >= 1 and <= SearchQuery.MaxPage ? page.Value : 1,
            PageSize = pageSize is >= 1 and <= SearchQuery.MaxPageSize ? pageSize.Value : 24,
        };
        return (query, errors);
    }

    /// <summary>Whether the query has an a.code key: with one, the API searches rather than lists.</summary>
    public static bool HasAttributeFilters(IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        parameters.Any(p => p.Key.StartsWith(AttributePrefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The a.code=value filters of a query string. A code must be spelt as codes are (lower-case letters, digits,
    /// dashes); one no attribute has is kept and matches nothing. Blank values are ignored. Whatever is wrong is
    /// reported and left out, so the storefront page can still show the rest.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> Attributes(IEnumerable<KeyValuePair<string, StringValues>>? parameters, Dictionary<string, string[]> errors)
    {
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, raw) in (parameters ?? []).Where(p => p.Key.StartsWith(AttributePrefix, StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var code = key[AttributePrefix.Length..];
            if (code.Length > 40 || !Slug.IsValid(code))
            {
                errors[key] = ["An attribute filter is a.code=value, the code in lower-case letters, digits and dashes (at most 40)."];
                continue;
            }

            string[] values = [.. raw.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal)];
            if (values.Any(v => v.Length > AttributeValues.MaxLength || v.Contains('\0', StringComparison.Ordinal)) || values.Length > MaxAttributeValues)
            {
                errors[key] = [$"{key} takes at most {MaxAttributeValues} values of at most {AttributeValues.MaxLength} characters (no NUL)."];
                continue;
            }

            if (values.Length == 0)
            {
                continue;
            }

            if (attributes.Count == MaxAttributeCodes)
            {
                errors["a"] = [$"A search filters by at most {MaxAttributeCodes} attributes."];
                break;
            }

            attributes[code] = values;
        }

        return attributes;
    }

    private static string[] Clean(string[]? values) =>
        values is null ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 100 && !v.Contains('\0', StringComparison.Ordinal)).Select(v => v.Trim()).Distinct().Take(20)];
}
