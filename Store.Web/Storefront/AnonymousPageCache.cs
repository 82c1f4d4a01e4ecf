using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Common;
using Store.Web.Security;

namespace Store.Web.Storefront;

/// <summary>
/// The rendered HTML of the home and category pages, kept for a few seconds for visitors who are not signed in and have
/// no cart: for them those pages are the same for everyone (the header says "Sign in" and "Cart (0)", and the pages
/// carry no form token). Anyone signed in, with a cart cookie or X-Cart-Id, or sending a query the page would answer
/// differently for a person is rendered as before. An entry is dropped when the catalog changes here or on another
/// instance (it is keyed by <see cref="CatalogCache.Version"/>, which the cache backplane bumps) and when the shop's
/// settings are reloaded.
/// ASP.NET Core's output cache is not used: it would replay one script nonce to every visitor, and it refuses every page
/// here because Blazor sets an antiforgery cookie on each. Here the render's nonce is cut out of the stored page and each
/// response gets a fresh one matching its own CSP header; the antiforgery cookie and the state bound to it are left out.
/// </summary>
public sealed partial class AnonymousPageCache(CatalogCache catalog, IOptionsMonitor<ShopOptions> shopOptions)
{
    /// <summary>Half the catalog cache's lifetime: a page built from a catalog entry just before it expired is not kept much longer than the entry.</summary>
    public static readonly TimeSpan Lifetime = CatalogCache.Lifetime / 2;

    private const int MaxPageBytes = 512 * 1024;

    private static readonly byte[] FormToken = "__RequestVerificationToken"u8.ToArray();

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!IsCacheable(http))
        {
            await next(http);
            return;
        }

        var shop = shopOptions.CurrentValue;
        var request = http.Request;
        var key = string.Join('\u001f', catalog.Version, request.Scheme, request.Host, request.Path, request.QueryString, IsEnhancedNavigation(request));
        if (_pages.TryGetValue(key, out CachedPage? page) && ReferenceEquals(page!.Shop, shop))
        {
            await page.WriteAsync(http);
            return;
        }

        // Rendered into a buffer, then sent: only a miss (one request per page every few seconds) waits for the whole page.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        if (CachedPage.From(http, buffer, shop) is { } rendered)
        {
            _pages.Set(key, rendered, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = rendered.Size });
        }
    }

    private static bool IsCacheable(HttpContext http)
    {
        var request = http.Request;
        return HttpMethods.IsGet(request.Method)
            && (request.Path == "/" || (request.Path.StartsWithSegments("/c", out var rest) && rest.HasValue && rest.Value!.LastIndexOf('/') == 0))
            && http.User.Identity?.IsAuthenticated != true
            && CartContext.GuestCartId(http) is null;
    }

    private static bool IsEnhancedNavigation(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.OrdinalIgnoreCase);

    [System.Text.RegularExpressions.GeneratedRegex("<!--Blazor-[A-Za-z]+-Component-State:[^>]*-->")]
    private static partial System.Text.RegularExpressions.Regex ComponentState();

    private sealed class CachedPage
    {
        private CachedPage(string contentType, byte[][] parts, ShopOptions shop)
        {
            ContentType = contentType;
            Parts = parts;
            Shop = shop;
        }

        public string ContentType { get; }

        /// <summary>The page cut where the render's nonce was: each response puts its own between the parts.</summary>
        public byte[][] Parts { get; }

        public ShopOptions Shop { get; }

        public long Size => Parts.Sum(p => (long)p.Length);

        public static CachedPage? From(HttpContext http, MemoryStream buffer, ShopOptions shop)
        {
            var response = http.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Any(c => !IsAntiforgeryCookie(c))
                || response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true || buffer.Length > MaxPageBytes)
            {
                return null;
            }

            // A form token belongs to one visitor's antiforgery cookie: a page with a form is never shared.
            if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(FormToken) >= 0)
            {
                return null;
            }

            // Blazor writes every page's persisted component state (a protected antiforgery token, bound to the cookie it
            // sets) as a comment. Only a circuit or WebAssembly reads it and these pages start neither, so the shared copy
            // goes without both: a later page with a form sets the visitor's own cookie.
            var body = WithoutComponentState(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).AsSpan();

            var nonce = SecurityHeaders.Nonce(http);
            var parts = new List<byte[]>();
            for (var at = body.IndexOf(nonce, StringComparison.Ordinal); at >= 0; at = body.IndexOf(nonce, StringComparison.Ordinal))
            {
                parts.Add(Encoding.UTF8.GetBytes(body[..at].ToString()));
                body = body[(at + nonce.Length)..];
            }

            parts.Add(Encoding.UTF8.GetBytes(body.ToString()));
            return new CachedPage(response.ContentType, [.. parts], shop);
        }

        private static bool IsAntiforgeryCookie(string? setCookie) =>
            setCookie?.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) == true;

        private static string WithoutComponentState(string html) => AnonymousPageCache.ComponentState().Replace(html, "");

        public async Task WriteAsync(HttpContext http)
        {
            var nonce = Encoding.UTF8.GetBytes(SecurityHeaders.Nonce(http));
            http.Response.ContentType = ContentType;
            for (var i = 0; i < Parts.Length; i++)
            {
                if (i > 0)
                {
                    await http.Response.Body.WriteAsync(nonce, http.RequestAborted);
                }

                await http.Response.Body.WriteAsync(Parts[i], http.RequestAborted);
            }
        }
    }
}
