using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Store.Domain.Common;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Search;
using Store.Web.Identity;

namespace Store.Web.Api;

public sealed record ProductListResponse(IReadOnlyList<ProductSummary> Items, int? NextCursor);

public sealed record ProductListRequest(
    string? Q,
    string[]? Category,
    string[]? Brand,
    string? Price,
    [property: FromQuery(Name = "instock")] string? InStock,
    string[]? Size,
    string[]? Colour,
    string? Sort,
    int? Page,
    int? PageSize,
    int? Cursor,
    int? Limit)
{
    public bool IsSearch => Q is not null || Brand is { Length: > 0 } || Price is not null || InStock is not null || Size is { Length: > 0 } || Colour is { Length: > 0 } || Sort is not null || Page is not null || PageSize is not null;
}

public static class ProductEndpoints
{
    public static void MapProductEndpoints(this RouteGroupBuilder api)
    {
        var products = api.MapGroup("/products").WithTags("Products");
        var staff = products.MapGroup("").RequireAuthorization(StorePolicies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        // By id, not slug: a slug may be all digits ("1984"), and drafts, which have no public page, are included.
        staff.MapGet("/id/{id:int}", GetForStaffAsync).WithSummary("A product as staff edit it, drafts included (where POST /api/products points).");
        staff.MapPatch("/{id:int}", PatchAsync).WithSummary("Changes a product's name, description, published flag or prices (staff only).")
            .WithDescription("A JSON merge patch (application/merge-patch+json or application/json): members left out stay as they are; description null clears it. priceMinor sets every variant's price; variants sets them by SKU, {\"variants\": {\"SKU-1\": {\"priceMinor\": 2500}}}. Unknown members or wrong types are 400; a rule broken (an empty name, a negative price, an unknown SKU) is 422; all changes apply or none, with one audit entry.")
            .Accepts<ProductPatchRequest>(ProductPatchRequest.MergePatchJson, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        staff.MapPatch("/id/{id:int}", PatchAsync).WithSummary("The same as PATCH /api/products/{id}, at the address POST /api/products returns.")
            .Accepts<ProductPatchRequest>(ProductPatchRequest.MergePatchJson, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        products.MapGet("/", async Task<Results<Ok<ProductListResponse>, Ok<SearchResult>, ValidationProblem>> (
            CatalogQueries catalog,
            ProductSearch search,
            [AsParameters] ProductListRequest request,
            HttpRequest http,
            CancellationToken ct) =>
        {
            // Attribute filters (a.material=wool) have a key per attribute, so they come from the query string itself.
            if (request.IsSearch || SearchQueryParser.HasAttributeFilters(http.Query))
            {
                var (query, errors) = SearchQueryParser.Parse(request.Q, request.Category, request.Brand, request.Price, request.InStock, request.Size, request.Colour, request.Sort, request.Page, request.PageSize, http.Query);
                return errors.Count > 0 || request.Cursor is not null
                    ? ApiResults.Validation(errors.Count > 0 ? errors : new() { ["Cursor"] = ["cursor pages the plain list; a search pages with page."] })
                    : TypedResults.Ok(await search.SearchAsync(query with { Record = true }, ct));
            }

            if (request.Limit is < 1 or > CatalogQueries.MaxPageSize || request.Cursor < 0)
            {
                return ApiResults.Validation(new Dictionary<string, string[]> { ["Limit"] = [$"limit is 1 to {CatalogQueries.MaxPageSize}; cursor is a product id from nextCursor."] });
            }

            var take = request.Limit ?? 24;
            var items = await catalog.AfterAsync(request.Cursor ?? 0, take, request.Category?.FirstOrDefault(), ct);
            return TypedResults.Ok(new ProductListResponse(items, items.Count == take ? items[^1].Id : null));
        }).WithSummary("Lists published products, paged by key (pass nextCursor as cursor); with q, filters, sort or page it searches, with facets.");

        products.MapGet("/suggest", async (string? q, ProductSearch search, CancellationToken ct) =>
            TypedResults.Ok(await search.SuggestAsync(q, ct))).WithSummary("Up to 8 product names with a word starting with what was typed.");

        products.MapGet("/{slug}", async Task<Results<Ok<ProductDetail>, NotFound>> (string slug, CatalogQueries catalog, CancellationToken ct) =>
            await catalog.ProductAsync(slug, ct) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound())
            .WithSummary("A published product by its slug: variants with prices and stock, category and breadcrumbs.");
        products.MapGet("/{slug}/recommendations", RecommendationsAsync)
            .WithSummary("What the product page shows under a product: frequently bought together, and similar products.")
            .WithDescription("boughtTogether comes from paid orders that held the product (similar products until there are any); "
                + "similar is the same category, closest in price, without the ones already in boughtTogether. 404 for an unknown or unpublished slug.");

        products.MapPost("/", async Task<Results<Created<ProductDetailRef>, ProblemHttpResult>> (NewProduct request, ProductAdminService admin, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var created = await admin.CreateAsync(request, CurrentStaff.ActorOf(user), ct);
            return created.IsSuccess
                ? TypedResults.Created($"/api/products/id/{created.Value}", new ProductDetailRef(created.Value))
                : ApiResults.Problem(created.Error!);
        }).RequireAuthorization(StorePolicies.Staff).WithSummary("Creates a product with its variants and initial stock (staff only).");
    }

    public static async Task<Results<Ok<ProductRecommendations>, NotFound>> RecommendationsAsync(
        string slug, CatalogQueries catalog, RecommendationQueries recommendations, CancellationToken ct)
    {
        if (await catalog.ProductAsync(slug, ct) is not { } product)
        {
            return TypedResults.NotFound();
        }

        var together = await recommendations.BoughtTogetherAsync(product.Id, ProductRecommendations.Size, ct);
        var similar = await recommendations.SimilarAsync(product.Id, ProductRecommendations.Size * 2, ct);
        return TypedResults.Ok(new ProductRecommendations(together, [.. similar.Where(p => together.All(t => t.Id != p.Id)).Take(ProductRecommendations.Size)]));
    }

    public static async Task<Results<Ok<ProductEdit>, NotFound>> GetForStaffAsync(int id, ProductAdminService admin, CancellationToken ct) =>
        await admin.GetForEditAsync(id, ct) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound();

    public static async Task<Results<Ok<ProductEdit>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        int id, HttpRequest request, ProductAdminService admin, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(title: $"Send the patch as {ProductPatchRequest.MergePatchJson} or application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["Body"] = [$"The body is not JSON: {e.Message}"] });
        }

        var (patch, errors) = ProductPatchRequest.Read(body);
        if (patch is null)
        {
            return ApiResults.Validation(errors);
        }

        var patched = await admin.PatchAsync(id, patch, CurrentStaff.ActorOf(user), ct);
        return patched.IsSuccess && await admin.GetForEditAsync(id, ct) is { } product
            ? TypedResults.Ok(product)
            : ApiResults.Problem(patched.Error ?? DomainError.NotFound("product.unknown", "No such product."));
    }
}

public sealed record ProductDetailRef(int Id);

/// <summary>The product page's two rows of suggestions, four products each at most.</summary>
public sealed record ProductRecommendations(IReadOnlyList<ProductSummary> BoughtTogether, IReadOnlyList<ProductSummary> Similar)
{
    public const int Size = 4;
}
