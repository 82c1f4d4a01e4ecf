using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Store.Domain.Ordering;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Ordering;
using Store.Web.Storefront;

namespace Store.Web.Api;

public static class OrderEndpoints
{
    public static void MapOrderEndpoints(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");

        orders.MapPost("/", async Task<Results<Created<PlacedOrder>, ValidationProblem, ProblemHttpResult>> (CheckoutDetails details, CheckoutService checkout, CartContext context, CancellationToken ct) =>
        {
            var errors = details.Validate();
            if (errors.Count > 0)
            {
                return ApiResults.Validation(errors);
            }

            var placed = await checkout.PlaceOrderAsync(context.Owner, details, ct);
            return placed.IsSuccess
                ? TypedResults.Created($"/api/orders/{placed.Value.OrderId}", placed.Value)
                : ApiResults.Problem(placed.Error!);
        })
        .AddEndpointFilter<IdempotencyFilter<CheckoutDetails>>()
        .WithSummary("Places an order for the current cart and holds its stock until payment. Honours Idempotency-Key.");

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
