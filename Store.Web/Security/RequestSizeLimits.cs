using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Store.Web.Security;

/// <summary>
/// Caps request bodies: a declared Content-Length over the limit is answered 413 at once (ProblemDetails), and a
/// body that grows past it while being read (chunked) makes the server stop reading it, which the exception
/// handler turns into the same 413. Uploads in the admin go through the Blazor circuit, which caps them by file.
/// </summary>
public static class RequestSizeLimits
{
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
            var limit = StoreWebExtensions.IsApi(http.Request) ? options.ApiMaxBodyBytes : options.MaxBodyBytes;
            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request body is too large.",
                        Detail = $"At most {limit} bytes are accepted here.",
                    },
                });
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            await next(http);
        });
}
