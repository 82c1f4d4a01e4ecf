using System.Security.Claims;
using Store.Infrastructure.Cart;
using Store.Web.Storefront;

namespace Store.Web.Api;

/// <summary>
/// An app fills a guest cart (X-Cart-Id), then signs in with a token. Identity's login endpoint writes the token itself,
/// so there is no sign-in moment to hook as the web's sign-in page does; instead the first cart or checkout request
/// that carries both the token and the guest cart id merges that cart into the account's. Later requests find the guest
/// cart empty and change nothing.
/// </summary>
public sealed class GuestCartMergeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true
            && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } customerId
            && CartContext.GuestCartId(http) is { } guestCartId)
        {
            await http.RequestServices.GetRequiredService<CartService>().MergeGuestCartAsync(guestCartId, customerId, http.RequestAborted);
        }

        return await next(context);
    }
}
