using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Common;

namespace Store.Web.Storefront;

/// <summary>
/// What makes the storefront installable: the web app manifest (named after the store's settings) and the page the
/// service worker (wwwroot/sw.js) shows when a page cannot be loaded. Both are plain responses, no database.
/// </summary>
public static class PwaEndpoints
{
    public const string ManifestContentType = "application/manifest+json";

    /// <summary>The header's colour (App.razor's theme-color and site.css's --brand).</summary>
    public const string ThemeColour = "#1f3b2d";

    /// <summary>site.css's --bg: the splash screen a launched app shows before the first page paints.</summary>
    public const string BackgroundColour = "#fbfaf7";

    public static IEndpointRouteBuilder MapPwaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/manifest.webmanifest", Manifest).ExcludeFromDescription();
        app.MapGet("/offline", Offline).ExcludeFromDescription();
        return app;
    }

    public static IResult Manifest(IOptions<ShopOptions> options, HttpResponse response)
    {
        var name = options.Value.Name;

        // Launchers show about 12 characters under an icon: the first word of a longer name.
        var shortName = name.Length <= 12 ? name : name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        response.Headers.CacheControl = "no-cache";
        return TypedResults.Json(
            new WebManifest(
                name,
                shortName.Length <= 12 ? shortName : shortName[..12],
                $"Shop {name}.",
                "/",
                "/",
                "/",
                "standalone",
                ThemeColour,
                BackgroundColour,
                [
                    new("/icons/icon-192.png", "192x192", "image/png", "any"),
                    new("/icons/icon-512.png", "512x512", "image/png", "any"),
                    new("/icons/icon-maskable-192.png", "192x192", "image/png", "maskable"),
                    new("/icons/icon-maskable-512.png", "512x512", "image/png", "maskable"),
                ]),
            contentType: ManifestContentType);
    }

    /// <summary>
    /// Self-contained apart from site.css and the favicon, which the service worker caches with it at install: it is
    /// shown with no connection at all. The link reloads the address that failed (the worker serves this page there).
    /// </summary>
    public static IResult Offline(IOptions<ShopOptions> options, HttpResponse response)
    {
        var name = WebUtility.HtmlEncode(options.Value.Name);
        response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(
            $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1.0" />
                <meta name="theme-color" content="{ThemeColour}" />
                <meta name="robots" content="noindex" />
                <title>Offline · {name}</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href="/css/site.css" />
            </head>
            <body>
                <header class="site-header"><div class="bar"><a class="brand" href="/">{name}</a></div></header>
                <main id="main" data-testid="offline">
                    <h1>You are offline</h1>
                    <p>This page could not be loaded: there is no connection to {name} right now.</p>
                    <p><a href="">Try again</a> when you are back online.</p>
                </main>
            </body>
            </html>
            """,
            "text/html; charset=utf-8");
    }
}

public sealed record WebManifestIcon(string Src, string Sizes, string Type, string Purpose);

/// <summary>The members of a web app manifest (https://www.w3.org/TR/appmanifest/), snake_case as the format has them.</summary>
public sealed record WebManifest(
    string Name,
    [property: JsonPropertyName("short_name")] string ShortName,
    string Description,
    string Id,
    [property: JsonPropertyName("start_url")] string StartUrl,
    string Scope,
    string Display,
    [property: JsonPropertyName("theme_color")] string ThemeColor,
    [property: JsonPropertyName("background_color")] string BackgroundColor,
    IReadOnlyList<WebManifestIcon> Icons);
