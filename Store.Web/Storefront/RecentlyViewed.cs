namespace Store.Web.Storefront;

/// <summary>The last products a shopper looked at, kept in their browser (a cookie of ids), not on the server.</summary>
public static class RecentlyViewed
{
    public const string CookieName = "store_recent";
    private const int Keep = 8;

    public static IReadOnlyList<int> Read(HttpContext http) =>
        (http.Request.Cookies[CookieName] ?? "")
            .Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, out var id) ? id : 0)
            .Where(id => id > 0)
            .Distinct()
            .Take(Keep)
            .ToList();

    public static void Remember(HttpContext http, int productId)
    {
        var ids = new[] { productId }.Concat(Read(http).Where(id => id != productId)).Take(Keep);
        http.Response.Cookies.Append(CookieName, string.Join('.', ids), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = false,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(30),
        });
    }
}
