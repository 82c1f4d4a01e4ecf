using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Store.Infrastructure.Search;

namespace Store.Web.Api;

public sealed record SearchRequest(
    string? Q,
    string[]? Category,
    string[]? Brand,
    string? Price,
    [property: FromQuery(Name = "instock")] string? InStock,
    string[]? Size,
    string[]? Colour,
    string? Sort,
    int? Page,
    int? PageSize);

/// <summary>
/// The search page's search for apps, always answering a <see cref="SearchResult"/> with facets (GET /api/products
/// answers either a plain page or a search, which generated clients cannot type).
/// </summary>
public static class SearchEndpoints
{
    public static void MapSearchEndpoints(this RouteGroupBuilder api)
    {
        var search = api.MapGroup("/search").WithTags("Search");
        search.MapGet("/", SearchAsync)
            .WithSummary("Searches published products by words and filters, with facet counts, a did-you-mean and pages.")
            .WithDescription("q: words (typos are forgiven); category, brand, size, colour: repeat for several; price: a range in whole units, min-max (25-50, 200-); "
                + "instock=true; a.<attribute>=<value> for attribute facets (as each facet's name says); sort: relevance, price-asc, price-desc, newest, "
                + "best-selling; page from 1, pageSize up to 100. Bad values answer 400 ValidationProblem naming the parameter.");
        search.MapGet("/suggest", SuggestAsync).WithSummary("Up to 8 product names with a word starting with what was typed (autocomplete).");
    }

    private static async Task<Results<Ok<SearchResult>, ValidationProblem>> SearchAsync(
        [AsParameters] SearchRequest request, HttpRequest http, ProductSearch search, CancellationToken ct)
    {
        // Attribute filters (a.material=wool) have a key per attribute, so they come from the query string itself.
        var (query, errors) = SearchQueryParser.Parse(
            request.Q, request.Category, request.Brand, request.Price, request.InStock, request.Size, request.Colour, request.Sort, request.Page, request.PageSize, http.Query);
        return errors.Count > 0 ? ApiResults.Validation(errors) : TypedResults.Ok(await search.SearchAsync(query with { Record = true }, ct));
    }

    private static async Task<Ok<IReadOnlyList<ProductSuggestion>>> SuggestAsync(string? q, ProductSearch search, CancellationToken ct) =>
        TypedResults.Ok(await search.SuggestAsync(q, ct));
}
