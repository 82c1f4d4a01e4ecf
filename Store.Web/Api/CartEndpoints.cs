using Microsoft.AspNetCore.Http.HttpResults;
using Store.Domain.Checkout;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Web.Storefront;

namespace Store.Web.Api;

public sealed record AddToCartRequest(int VariantId, int Quantity = 1);

public sealed record SetQuantityRequest(int Quantity);

public sealed record ApplyCodeRequest(string? Code);

public static class CartEndpoints
{
    public static void MapCartEndpoints(this RouteGroupBuilder api)
    {
        var cart = api.MapGroup("/cart").WithTags("Cart").AddEndpointFilter<GuestCartMergeFilter>();

        cart.MapGet("/", async Task<Results<Ok<CartView>, ProblemHttpResult>> (string? country, string? region, string? postalCode, string? shippingMethodId, CartService carts, CheckoutTotalsService totals, CartContext context, CancellationToken ct) =>
        {
            var view = await carts.ReviewAsync(context.Owner, ct);
            if (string.IsNullOrWhiteSpace(country))
            {
                return TypedResults.Ok(view);
            }

            var quote = await totals.QuoteAsync(view.Lines, new Destination(country.Trim().ToUpperInvariant(), region?.Trim(), postalCode?.Trim()), shippingMethodId, view.Codes, view.Id, ct);
            return quote.IsSuccess ? TypedResults.Ok(view with { Quote = quote.Value }) : ApiResults.Problem(quote.Error!);
        })
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .WithSummary("The cart, first brought in line with current stock and prices; notices say what changed. With ?country= (and region, postalCode, shippingMethodId) shipping and tax are quoted for that address, 422 when nothing ships there; without, the quote is an estimate.");

        cart.MapPost("/add", async Task<Results<Ok<CartView>, ProblemHttpResult>> (AddToCartRequest request, CartService carts, CartContext context, HttpResponse response, CancellationToken ct) =>
        {
            var result = await carts.AddAsync(context.Owner, request.VariantId, request.Quantity, ct);
            if (!result.IsSuccess)
            {
                return ApiResults.Problem(result.Error!);
            }

            context.Remember(result.Value.Id);
            response.Headers[CartContext.HeaderName] = result.Value.Id.ToString();
            return TypedResults.Ok(result.Value);
        })
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .WithSummary("Adds units of a variant. A guest's cart id comes back in X-Cart-Id and a cookie.");

        cart.MapPut("/items/{variantId:int}", async Task<Results<Ok<CartView>, ProblemHttpResult>> (int variantId, SetQuantityRequest request, CartService carts, CartContext context, CancellationToken ct) =>
        {
            var result = await carts.SetQuantityAsync(context.Owner, variantId, request.Quantity, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : ApiResults.Problem(result.Error!);
        })
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .WithSummary("Sets a line's quantity; 0 removes it.");

        cart.MapPost("/code", async Task<Results<Ok<CartView>, ProblemHttpResult>> (ApplyCodeRequest request, CartService carts, CartContext context, CancellationToken ct) =>
        {
            var result = await carts.ApplyCodeAsync(context.Owner, request.Code, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : ApiResults.Problem(result.Error!);
        })
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .WithSummary("Adds a discount code to the cart when it lowers the total now; 422 (unknown, expired, minimum not met, nothing it applies to) or 409 (used up, not combinable) with the reason otherwise.");

        cart.MapDelete("/code/{code}", async Task<Results<Ok<CartView>, ProblemHttpResult>> (string code, CartService carts, CartContext context, CancellationToken ct) =>
        {
            var result = await carts.RemoveCodeAsync(context.Owner, code, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : ApiResults.Problem(result.Error!);
        }).WithSummary("Removes a discount code from the cart.");
    }
}
