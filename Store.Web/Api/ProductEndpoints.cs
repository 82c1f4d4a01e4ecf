using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Identity;

namespace Store.Web.Api;

public sealed record ProductListResponse(IReadOnlyList<ProductSummary> Items, int? NextCursor);

public static class ProductEndpoints
{
    public static void MapProductEndpoints(this RouteGroupBuilder api)
    {
        var products = api.MapGroup("/products").WithTags("Products");

        products.MapGet("/", async Task<Results<Ok<ProductListResponse>, ValidationProblem>> (CatalogQueries catalog, string? category, int? cursor, int? limit, CancellationToken ct) =>
        {
            if (limit is < 1 or > CatalogQueries.MaxPageSize || cursor < 0)
            {
                return ApiResults.Validation(new Dictionary<string, string[]> { ["Limit"] = [$"limit is 1 to {CatalogQueries.MaxPageSize}; cursor is a product id from nextCursor."] });
            }

            var take = limit ?? 24;
            var items = await catalog.AfterAsync(cursor ?? 0, take, category, ct);
            return TypedResults.Ok(new ProductListResponse(items, items.Count == take ? items[^1].Id : null));
        }).WithSummary("Lists published products, paged by key (pass nextCursor as cursor).");

        products.MapGet("/{slug}", async Task<Results<Ok<ProductDetail>, NotFound>> (string slug, CatalogQueries catalog, CancellationToken ct) =>
            await catalog.ProductAsync(slug, ct) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound());

        products.MapPost("/", async Task<Results<Created<ProductDetailRef>, ProblemHttpResult>> (NewProduct request, ProductAdminService admin, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var created = await admin.CreateAsync(request, user.Identity?.Name ?? "api", ct);
            return created.IsSuccess
                ? TypedResults.Created($"/api/products/id/{created.Value}", new ProductDetailRef(created.Value))
                : ApiResults.Problem(created.Error!);
        }).RequireAuthorization(p => p.RequireRole(StoreRoles.Admin, StoreRoles.Staff)).WithSummary("Creates a product with its variants and initial stock (staff only).");
    }
}

public sealed record ProductDetailRef(int Id);
