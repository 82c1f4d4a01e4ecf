using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Store.Domain.Common;
using Store.Domain.Customers;
using Store.Domain.Ordering;
using Store.Domain.Shipping;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Customers;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Shipping;
using Store.Web.Security;
using Store.Web.Storefront;

namespace Store.Web.Api;

/// <summary>
/// The checkout form's fields plus the shipping method (without one the cheapest that delivers is used) and discount
/// codes, which are added to the cart's codes first exactly as POST /api/cart/code does. A signed-in customer may name
/// a saved address instead of the address fields (SavedAddressId), and ask to save the address typed (SaveAddress).
/// </summary>
public sealed record PlaceOrderRequest(string? Email, string? Name, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country, string? ShippingMethodId = null, IReadOnlyList<string>? Codes = null, Guid? SavedAddressId = null, bool SaveAddress = false)
{
    public CheckoutDetails ToDetails() => new(Email, Name, Line1, Line2, City, Region, PostalCode, Country);
}

public static class OrderEndpoints
{
    public static void MapOrderEndpoints(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");

        orders.MapPost("/", async Task<Results<Created<PlacedOrder>, ValidationProblem, ProblemHttpResult>> (PlaceOrderRequest request, CheckoutService checkout, CartService carts, CartContext context, AddressBookService book, CancellationToken ct) =>
        {
            var saved = request.SavedAddressId is { } savedId && context.Owner.CustomerId is { } customer ? await book.FindAsync(customer, savedId, ct) : null;
            if (request.SavedAddressId is not null && saved is null)
            {
                return TypedResults.Problem(title: "No such address in your address book.", statusCode: StatusCodes.Status404NotFound, type: "https://store.local/problems/address.not-found");
            }

            var details = saved is null ? request.ToDetails() : new CheckoutDetails(request.Email, saved.Name, saved.Line1, saved.Line2, saved.City, saved.Region, saved.PostalCode, saved.Country);
            var errors = details.Validate();
            if (errors.Count > 0)
            {
                return ApiResults.Validation(errors);
            }

            foreach (var code in request.Codes ?? [])
            {
                if (await carts.ApplyCodeAsync(context.Owner, code, ct) is { IsSuccess: false } refused)
                {
                    return ApiResults.Problem(refused.Error!);
                }
            }

            var placed = await checkout.PlaceOrderAsync(context.Owner, details, string.IsNullOrWhiteSpace(request.ShippingMethodId) ? null : request.ShippingMethodId.Trim(), ct);
            if (placed.IsSuccess && request.SaveAddress && saved is null && context.Owner.CustomerId is { } owner)
            {
                await book.SaveFromCheckoutAsync(owner, new AddressDetails(details.Name, details.Line1, details.Line2, details.City, details.Region, details.PostalCode, details.Country), ct);
            }

            return placed.IsSuccess
                ? TypedResults.Created($"/api/orders/{placed.Value.OrderId}", placed.Value)
                : ApiResults.Problem(placed.Error!);
        })
        .AddEndpointFilter(new RateLimitFilter(RateLimited.Orders))
        .AddEndpointFilter<GuestCartMergeFilter>()
        .AddEndpointFilter<IdempotencyFilter<PlaceOrderRequest>>()
        .WithSummary("Places an order for the current cart with rated shipping, tax and promotions, and holds its stock until payment; 422 when nothing ships to the address or a code does not apply, 409 when a promotion ran out meanwhile (no order is placed). Honours Idempotency-Key.")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .WithDescription("403 (code checkout.email-unconfirmed) when the store requires a confirmed email and the signed-in account has not confirmed its own: "
            + "POST /api/account/resendConfirmationEmail sends the link again. 404 when savedAddressId names no address of the signed-in customer.");

        orders.MapGet("/", async (OrderQueries queries, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await queries.ForCustomerAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, ct)))
            .RequireAuthorization()
            .WithSummary("The signed-in customer's orders, newest first.");

        orders.MapGet("/{id:guid}", DetailAsync).WithSummary("One order. Guests' orders are found by their unguessable id.");
        orders.MapGet("/{id:guid}/tracking", TrackingAsync)
            .WithSummary("Where the order's parcel is: carrier, tracking number, status and its events, newest first.")
            .WithDescription("trackingUrl is the store's public tracking page (/track/{trackingNumber}), to open or share. "
                + "404 when the order is unknown (or someone else's) or has not shipped yet (code order.not-shipped).");
    }

    private static async Task<Results<Ok<OrderDetail>, NotFound>> DetailAsync(Guid id, OrderQueries queries, ClaimsPrincipal user, CancellationToken ct) =>
        await VisibleOrderAsync(id, queries, user, ct) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound();

    private static async Task<Results<Ok<OrderTracking>, NotFound, ProblemHttpResult>> TrackingAsync(
        Guid id, OrderQueries queries, TrackingQueries tracking, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await VisibleOrderAsync(id, queries, user, ct) is not { } order)
        {
            return TypedResults.NotFound();
        }

        return order.Shipment is { } shipment && await tracking.FindAsync(shipment.TrackingNumber, ct) is { } parcel
            ? TypedResults.Ok(new OrderTracking(order.Id, order.Number, parcel.TrackingNumber, parcel.Carrier, parcel.Service, parcel.Status,
                Shipment.Describe(parcel.Status), $"/track/{Uri.EscapeDataString(parcel.TrackingNumber)}", parcel.Events))
            : ApiResults.Problem(DomainError.NotFound("order.not-shipped", "The order has not shipped yet."));
    }

    private static async Task<OrderDetail?> VisibleOrderAsync(Guid id, OrderQueries queries, ClaimsPrincipal user, CancellationToken ct)
    {
        var order = await queries.DetailAsync(id, ct);
        var mine = order is not null && (order.CustomerId is null || order.CustomerId == user.FindFirstValue(ClaimTypes.NameIdentifier));
        var staff = user.IsInRole(StoreRoles.Admin) || user.IsInRole(StoreRoles.Staff);
        return mine || staff ? order : null;
    }
}

/// <summary>An order's parcel as its tracking page shows it; <see cref="TrackingUrl"/> is that page, relative to the store.</summary>
public sealed record OrderTracking(
    Guid OrderId, long OrderNumber, string TrackingNumber, string Carrier, string Service, ShipmentEventKind Status, string StatusText, string TrackingUrl,
    IReadOnlyList<TrackingEventView> Events);
