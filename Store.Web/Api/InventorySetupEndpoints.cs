using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Store.Infrastructure.Inventory;
using Store.Web.Identity;

namespace Store.Web.Api;

/// <summary>A stock location as an integration sends it: the code is set once (pick lists print it); the rest can change.</summary>
public sealed record LocationRequest(string? Code, string? Name, int Priority, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country)
{
    public LocationInput ToInput() => new(Code, Name, Priority, Line1, Line2, City, Region, PostalCode, Country);
}

/// <summary>How one variant is bought. <c>cost</c> is in the product's currency with a dot ("12.50"), null when unknown.</summary>
public sealed record SourcingRequest(int? SupplierId, string? SupplierSku, string? Cost, int PackSize);

public sealed record CreatedRef(int Id);

/// <summary>
/// The setup side of /api/inventory: stock locations and suppliers, and each variant's sourcing, through the same
/// services (rules, audit log) the inventory panel uses, so a store built from empty can be run by an integration.
/// </summary>
public static class InventorySetupEndpoints
{
    public static void MapInventorySetupEndpoints(this RouteGroupBuilder api)
    {
        var inventory = api.MapGroup("/inventory").WithTags("Inventory")
            .RequireAuthorization(StorePolicies.Inventory)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        inventory.MapGet("/locations", (LocationService locations, CancellationToken ct) => locations.ListAsync(ct))
            .WithSummary("Stock locations, active first by priority, with their stock totals.");
        inventory.MapPost("/locations", CreateLocationAsync)
            .WithSummary("Creates a stock location (a unique code, a name, a priority and the address it ships from).")
            .WithDescription("Priority 1 is picked from first. 409 when the code is taken.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        inventory.MapPut("/locations/{id:int}", UpdateLocationAsync)
            .WithSummary("Renames a location, changes its priority and its ship-from address (the code stays).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        inventory.MapPost("/locations/{id:int}/retire", RetireLocationAsync)
            .WithSummary("Retires a location that holds no stock, no reservations and no open purchase orders.")
            .WithDescription("409 otherwise: transfer its stock out (POST /api/inventory/transfers) first. The last active location cannot retire.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        inventory.MapGet("/suppliers", (SupplierService suppliers, CancellationToken ct) => suppliers.ListAsync(ct))
            .WithSummary("Suppliers with their contact, lead time, terms and how many variants they supply.");
        inventory.MapPost("/suppliers", CreateSupplierAsync)
            .WithSummary("Creates a supplier (name, order email, contact, lead time in days, terms).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        inventory.MapPut("/suppliers/{id:int}", UpdateSupplierAsync)
            .WithSummary("Changes a supplier's details.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        inventory.MapPut("/sourcing/{variantId:int}", SetSourcingAsync)
            .WithSummary("Sets who supplies a variant: supplier, supplier SKU, cost and pack size.")
            .WithDescription("Reorder suggestions and automatic draft purchase orders use it. supplierId null: no supplier; cost null: unknown.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    public static async Task<Results<Created<CreatedRef>, ProblemHttpResult>> CreateLocationAsync(
        LocationRequest request, LocationService locations, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await locations.CreateAsync(request.ToInput(), CurrentStaff.ActorOf(user), ct);
        return created.IsSuccess
            ? TypedResults.Created($"/api/inventory/locations/{created.Value}", new CreatedRef(created.Value))
            : ApiResults.Problem(created.Error!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UpdateLocationAsync(
        int id, LocationRequest request, LocationService locations, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await locations.UpdateAsync(id, request.ToInput(), CurrentStaff.ActorOf(user), ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> RetireLocationAsync(
        int id, LocationService locations, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await locations.RetireAsync(id, CurrentStaff.ActorOf(user), ct));

    public static async Task<Results<Created<CreatedRef>, ProblemHttpResult>> CreateSupplierAsync(
        SupplierInput request, SupplierService suppliers, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await suppliers.CreateAsync(request, CurrentStaff.ActorOf(user), ct);
        return created.IsSuccess
            ? TypedResults.Created($"/api/inventory/suppliers/{created.Value}", new CreatedRef(created.Value))
            : ApiResults.Problem(created.Error!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UpdateSupplierAsync(
        int id, SupplierInput request, SupplierService suppliers, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await suppliers.UpdateAsync(id, request, CurrentStaff.ActorOf(user), ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> SetSourcingAsync(
        int variantId, SourcingRequest request, SupplierService suppliers, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await suppliers.SetSourcingAsync(variantId, request.SupplierId, request.SupplierSku, request.Cost, request.PackSize, CurrentStaff.ActorOf(user), ct));

    private static Results<NoContent, ProblemHttpResult> Answer(Store.Domain.Common.Result<bool> result) =>
        result.IsSuccess ? TypedResults.NoContent() : ApiResults.Problem(result.Error!);
}
