using System.Security.Cryptography;

namespace Store.Web.Security;

/// <summary>
/// Headers every response carries (pages, API, static files, errors, the 503 page), set when the response starts so
/// nothing later in the pipeline (the exception handler clears headers) can drop them. Scripts run only from the
/// store itself or with this response's nonce: the storefront and the admin load blazor.web.js and MudBlazor's
/// script as files, and the one inline script, the import map, carries the nonce. Styles stay 'unsafe-inline'
/// because MudBlazor and Blazor set style attributes at run time; no script can come from them.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "store.csp-nonce";

    /// <summary>This response's script nonce, for the inline scripts the page itself writes.</summary>
    public static string Nonce(HttpContext http)
    {
        if (http.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        // Base64url: no '+' for the page's HTML encoder to turn into an entity.
        nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                Apply(http);
                return Task.CompletedTask;
            });
            return next(http);
        });

    private static void Apply(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self' 'nonce-{Nonce(http)}'; style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
