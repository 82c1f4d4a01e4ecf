using Microsoft.Net.Http.Headers;
using Store.Infrastructure.Catalog;

namespace Store.Web.Storefront;

public static class MediaEndpoints
{
    /// <summary>
    /// Uploaded product pictures at /media/{hash}-{width}.{ext}. A name always means the same bytes (files are named by
    /// the upload's hash and never rewritten), so browsers and any CDN in front may keep them for a year unasked.
    /// </summary>
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        // HEAD too: CDNs and link checkers ask for the headers alone.
        app.MapMethods("/media/{file}", [HttpMethods.Get, HttpMethods.Head], (string file, ImageStore images, HttpResponse response) =>
        {
            if (images.Find(file) is not { } found)
            {
                return Results.NotFound();
            }

            response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.File(found.Path, found.ContentType, lastModified: found.LastModified, entityTag: new EntityTagHeaderValue($"\"{file}\""));
        }).ExcludeFromDescription();
        return app;
    }
}
