namespace Store.Web.Security;

/// <summary>
/// HEAD answers as GET would, without the body, on every page and endpoint. Razor component pages and minimal API
/// GETs are mapped for GET only, so HEAD found no endpoint (404, 405) and an uptime monitor saw the store as down.
/// The request is routed as a GET and whatever the endpoint writes is dropped, keeping status and headers.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsHead(http.Request.Method))
            {
                await next(http);
                return;
            }

            var body = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()!;
            http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
            http.Request.Method = HttpMethods.Get;
            try
            {
                await next(http);
            }
            finally
            {
                http.Request.Method = HttpMethods.Head;
                http.Features.Set(body);
            }
        });
}
