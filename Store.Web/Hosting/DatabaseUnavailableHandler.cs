using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Store.Web.Hosting;

/// <summary>
/// What still fails after the execution strategy's retries because the database is away answers 503 with
/// Retry-After: ProblemDetails under /api, a calm static page elsewhere. The page is written here as plain HTML,
/// not re-executed through the error page, because the layout itself reads the database (categories, cart count).
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!TransientDatabaseFailure.Is(exception))
        {
            return false;
        }

        var path = http.Features.Get<IExceptionHandlerFeature>()?.Path ?? http.Request.Path;
        logger.LogWarning(exception, "Database unavailable while serving {Path}", path);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        if (new PathString(path).StartsWithSegments("/api"))
        {
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The store is briefly unavailable. Nothing was lost; please retry in a few seconds.",
                    Detail = "Send the same request again (with the same Idempotency-Key, if it had one) after Retry-After seconds.",
                },
            });
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await http.Response.WriteAsync(Page, ct);
        }

        return true;
    }

    // No script, no database, no layout: it must render while everything behind the web server is down.
    private static readonly string Page = $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <meta name="robots" content="noindex" />
        <title>We'll be right back</title>
        <link rel="stylesheet" href="/css/site.css" />
        </head>
        <body>
        <main id="main">
        <section class="page narrow" data-testid="unavailable">
        <h1>We'll be right back</h1>
        <p>The store is taking a short break and will be back in a few seconds. Nothing you did was lost, and nothing was charged.</p>
        <p><a href="">Try again</a></p>
        </section>
        </main>
        </body>
        </html>
        """;
}
