using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Store.Domain.Customers;
using Store.Domain.Ordering;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Customers;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Ordering;
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
        .AddEndpointFilter<IdempotencyFilter<PlaceOrderRequest>>()
        .WithSummary("Places an order for the current cart with rated shipping, tax and promotions, and holds its stock until payment; 422 when nothing ships to the address or a code does not apply, 409 when a promotion ran out meanwhile (no order is placed). Honours Idempotency-Key.")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .WithDescription("403 (code checkout.email-unconfirmed) when the store requires a confirmed email and the signed-in account has not confirmed its own: "
            + "POST /api/account/resendConfirmationEmail sends the link again. 404 when savedAddressId names no address of the signed-in customer.");

        orders.MapGet("/", async (OrderQueries queries, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await queries.ForCustomerAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, ct)))
            .RequireAuthorization()
            .WithSummary("The signed-in customer's orders, newest first.");

        orders.MapGet("/{id:guid}", async Task<Results<Ok<OrderDetail>, NotFound>> (Guid id, OrderQueries queries, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var order = await queries.DetailAsync(id, ct);
            var mine = order is not null && (order.CustomerId is null || order.CustomerId == user.FindFirstValue(ClaimTypes.NameIdentifier));
            var staff = user.IsInRole(StoreRoles.Admin) || user.IsInRole(StoreRoles.Staff);
            return order is not null && (mine || staff) ? TypedResults.Ok(order) : TypedResults.NotFound();
        }).WithSummary("One order. Guests' orders are found by their unguessable id.");
    }
}
