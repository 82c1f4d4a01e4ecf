using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Store.Infrastructure.Inventory;
using Store.Web.Identity;

namespace Store.Web.Api;

public sealed record StockLevelQuery(int? Variant, int? Location, bool? Low, int? Limit, string? Cursor);

/// <summary>Sets a count (<c>onHand</c>, what was counted) or changes stock by a difference (<c>change</c>, −3 for three damaged); one of the two.</summary>
public sealed record AdjustStockRequest(int VariantId, int LocationId, int? OnHand, int? Change, string? Reason)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = Ids(VariantId, LocationId);
        if (OnHand is null == Change is null)
        {
            errors["OnHand"] = ["Send either onHand (the counted quantity) or change (the difference), not both."];
        }
        else if (OnHand is < 0 or > InventoryEndpoints.MaxQuantity)
        {
            errors["OnHand"] = [$"onHand is 0 to {InventoryEndpoints.MaxQuantity}."];
        }
        else if (Change is 0 or < -InventoryEndpoints.MaxQuantity or > InventoryEndpoints.MaxQuantity)
        {
            errors["Change"] = [$"change is a non-zero number of units, at most {InventoryEndpoints.MaxQuantity} either way."];
        }

        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > 500)
        {
            errors["Reason"] = ["Say why the stock is adjusted (at most 500 characters)."];
        }

        return errors;
    }

    internal static Dictionary<string, string[]> Ids(int variantId, params int[] locationIds)
    {
        var errors = new Dictionary<string, string[]>();
        if (variantId <= 0)
        {
            errors["VariantId"] = ["variantId is a variant's id."];
        }

        if (locationIds.Any(id => id <= 0))
        {
            errors["LocationId"] = ["Location ids are positive: see GET /api/inventory."];
        }

        return errors;
    }
}

public sealed record TransferStockRequest(int VariantId, int FromLocationId, int ToLocationId, int Quantity)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = AdjustStockRequest.Ids(VariantId, FromLocationId, ToLocationId);
        if (Quantity is <= 0 or > InventoryEndpoints.MaxQuantity)
        {
            errors["Quantity"] = [$"Move 1 to {InventoryEndpoints.MaxQuantity} units."];
        }

        if (FromLocationId == ToLocationId)
        {
            errors["ToLocationId"] = ["Choose two different locations."];
        }

        return errors;
    }
}

public sealed record ReceiptLine(int VariantId, int Quantity);

/// <summary>
/// Stock arriving: either a sent purchase order (<c>purchaseOrderId</c>, everything it ordered, at its location) or a
/// delivery without one (<c>locationId</c> and <c>lines</c>).
/// </summary>
public sealed record ReceiveStockRequest(Guid? PurchaseOrderId, int? LocationId, IReadOnlyList<ReceiptLine>? Lines, string? Note)
{
    public const int MaxLines = 500;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (PurchaseOrderId is not null)
        {
            if (LocationId is not null || Lines is not null)
            {
                errors["PurchaseOrderId"] = ["A purchase order brings its own lines and location: send purchaseOrderId alone."];
            }
        }
        else if (LocationId is null or <= 0 || Lines is null || Lines.Count is 0 or > MaxLines)
        {
            errors["Lines"] = [$"Send purchaseOrderId, or locationId and 1 to {MaxLines} lines."];
        }
        else if (Lines.Any(l => l is null || l.VariantId <= 0 || l.Quantity is <= 0 or > InventoryEndpoints.MaxQuantity))
        {
            errors["Lines"] = [$"Each line has a variantId and a quantity of 1 to {InventoryEndpoints.MaxQuantity}."];
        }

        if (Note?.Length > 500)
        {
            errors["Note"] = ["A note is at most 500 characters."];
        }

        return errors;
    }
}

public sealed record TransferResult(StockLevel From, StockLevel To);

public sealed record ReceiptResult(Guid? PurchaseOrderId, IReadOnlyList<StockLevel> Levels);

/// <summary>
/// Stock for integrations (a warehouse system, a till): staff only. Every write goes through the inventory services,
/// so it is one conditional update per row, a line in the stock ledger and an audit entry; with an Idempotency-Key a
/// replay, even concurrent, changes stock once and gets the first answer.
/// </summary>
public static class InventoryEndpoints
{
    public const int MaxQuantity = 1_000_000;

    public static void MapInventoryEndpoints(this RouteGroupBuilder api)
    {
        var inventory = api.MapGroup("/inventory").WithTags("Inventory")
            .RequireAuthorization(StorePolicies.Inventory)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        inventory.MapGet("/", ListAsync).WithSummary("Stock per variant and location, paged by key.")
            .WithDescription("On hand, reserved, available and the reorder rule of each (variant, location). Filters: variant (id), location (id), low=true (available below the reorder point). Pass nextCursor as cursor for the next page; limit is 1 to 200 (50 by default).");
        inventory.MapPost("/adjustments", AdjustAsync).WithSummary("Corrects stock at one location: a count or a difference.")
            .WithDescription("onHand sets what was counted; change adds or takes off units. On hand never goes below zero or below what unpaid orders hold (409). Recorded in the stock ledger and the audit log with the reason. Honours Idempotency-Key.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddEndpointFilter<AtomicIdempotencyFilter<AdjustStockRequest>>();
        inventory.MapPost("/transfers", TransferAsync).WithSummary("Moves available units from one location to another.")
            .WithDescription("Both rows change or neither; 409 when fewer units are available at the source than asked. Honours Idempotency-Key.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddEndpointFilter<AtomicIdempotencyFilter<TransferStockRequest>>();
        inventory.MapPost("/receipts", ReceiveAsync).WithSummary("Receives stock: a sent purchase order, or a delivery without one.")
            .WithDescription("Every line or none. A purchase order is received once; receiving it again is 409. Honours Idempotency-Key.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddEndpointFilter<AtomicIdempotencyFilter<ReceiveStockRequest>>();
    }

    public static async Task<Results<Ok<StockLevelPage>, ValidationProblem>> ListAsync(
        [AsParameters] StockLevelQuery query, InventoryQueries queries, CancellationToken ct)
    {
        var cursor = default(StockCursor?);
        if (query.Cursor is not null)
        {
            if (!StockCursor.TryParse(query.Cursor, out var parsed))
            {
                return ApiResults.Validation(new Dictionary<string, string[]> { ["Cursor"] = ["cursor is the nextCursor of the previous page."] });
            }

            cursor = parsed;
        }

        if (query.Limit is < 1 or > InventoryQueries.MaxPageSize)
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["Limit"] = [$"limit is 1 to {InventoryQueries.MaxPageSize}."] });
        }

        var filter = new StockLevelFilter(query.Variant, query.Location, query.Low == true);
        return TypedResults.Ok(await queries.PageAsync(filter, cursor, query.Limit ?? 50, ct));
    }

    public static async Task<Results<Ok<StockLevel>, ValidationProblem, ProblemHttpResult>> AdjustAsync(
        AdjustStockRequest request, InventoryService inventory, InventoryQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return ApiResults.Validation(errors);
        }

        var reason = request.Reason!.Trim();
        var adjusted = request.OnHand is { } onHand
            ? await inventory.SetOnHandAsync(request.VariantId, request.LocationId, onHand, CurrentStaff.ActorOf(user), reason, ct)
            : await inventory.AdjustByAsync(request.VariantId, request.LocationId, request.Change!.Value, CurrentStaff.ActorOf(user), reason, ct);
        return adjusted.IsSuccess
            ? TypedResults.Ok((await queries.AtAsync(request.LocationId, [request.VariantId], ct)).Single())
            : ApiResults.Problem(adjusted.Error!);
    }

    public static async Task<Results<Ok<TransferResult>, ValidationProblem, ProblemHttpResult>> TransferAsync(
        TransferStockRequest request, InventoryService inventory, InventoryQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return ApiResults.Validation(errors);
        }

        var moved = await inventory.TransferAsync(request.VariantId, request.FromLocationId, request.ToLocationId, request.Quantity, CurrentStaff.ActorOf(user), ct);
        if (!moved.IsSuccess)
        {
            return ApiResults.Problem(moved.Error!);
        }

        var from = (await queries.AtAsync(request.FromLocationId, [request.VariantId], ct)).Single();
        var to = (await queries.AtAsync(request.ToLocationId, [request.VariantId], ct)).Single();
        return TypedResults.Ok(new TransferResult(from, to));
    }

    public static async Task<Results<Ok<ReceiptResult>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        ReceiveStockRequest request, InventoryService inventory, PurchaseOrderService purchaseOrders, InventoryQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return ApiResults.Validation(errors);
        }

        if (request.PurchaseOrderId is { } orderId)
        {
            var received = await purchaseOrders.ReceiveAsync(orderId, CurrentStaff.ActorOf(user), ct);
            return received.IsSuccess
                ? TypedResults.Ok(new ReceiptResult(orderId, await queries.ReceivedByAsync(orderId, ct)))
                : ApiResults.Problem(received.Error!);
        }

        var lines = request.Lines!.Select(l => (l.VariantId, l.Quantity)).ToList();
        var note = string.IsNullOrWhiteSpace(request.Note) ? "Delivery (API)" : request.Note.Trim();
        var delivered = await inventory.ReceiveDeliveryAsync(request.LocationId!.Value, lines, CurrentStaff.ActorOf(user), note, ct);
        return delivered.IsSuccess
            ? TypedResults.Ok(new ReceiptResult(null, await queries.AtAsync(request.LocationId.Value, [.. lines.Select(l => l.VariantId)], ct)))
            : ApiResults.Problem(delivered.Error!);
    }
}
