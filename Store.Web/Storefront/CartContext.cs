using System.Security.Claims;
using Store.Infrastructure.Cart;

namespace Store.Web.Storefront;

/// <summary>
/// Finds whose cart a request is about: the signed-in customer's, or a guest's by the cart id in a cookie
/// (browsers) or the X-Cart-Id header (the mobile app).
/// </summary>
public sealed class CartContext(IHttpContextAccessor accessor)
{
    public const string CookieName = "store_cart";
    public const string HeaderName = "X-Cart-Id";

    public CartOwner Owner
    {
        get
        {
            var http = accessor.HttpContext ?? throw new InvalidOperationException("No HTTP request.");
            var customerId = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
            return new CartOwner(GuestCartId(http), customerId);
        }
    }

    public static Guid? GuestCartId(HttpContext http)
    {
        var raw = http.Request.Headers[HeaderName].FirstOrDefault() ?? http.Request.Cookies[CookieName];
        return Guid.TryParse(raw, out var id) ? id : null;
    }

    /// <summary>Remembers a guest's cart for 30 days. Signed-in customers' carts are found by their account.</summary>
    public void Remember(Guid? cartId)
    {
        var http = accessor.HttpContext!;
        if (cartId is null || Owner.CustomerId is not null || GuestCartId(http) == cartId)
        {
            return;
        }

        http.Response.Cookies.Append(CookieName, cartId.Value.ToString(), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(30),
        });
    }

    public void Forget()
    {
        accessor.HttpContext!.Response.Cookies.Delete(CookieName);
    }
}
