using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;

namespace Store.Web.Storefront;

/// <summary>robots.txt and sitemap.xml, with absolute addresses taken from the request (the store's own host).</summary>
public static class SeoEndpoints
{
    public static IEndpointRouteBuilder MapSeoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (HttpRequest request) =>
            Results.Text(
                $"""
                User-agent: *
                Disallow: /admin
                Disallow: /checkout
                Disallow: /account
                Disallow: /pay
                Disallow: /orders
                Disallow: /api
                Sitemap: {request.Scheme}://{request.Host}/sitemap.xml

                """,
                "text/plain")).ExcludeFromDescription();

        app.MapGet("/sitemap.xml", async (HttpRequest request, StoreDbContext db, CancellationToken ct) =>
        {
            var root = $"{request.Scheme}://{request.Host}";
            var categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).Select(c => c.Slug).ToListAsync(ct);
            var products = await db.Products.AsNoTracking().Where(p => p.IsPublished).OrderBy(p => p.Id).Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(ct);
            using var xml = new MemoryStream();
            await using (var writer = XmlWriter.Create(xml, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) }))
            {
                await writer.WriteStartDocumentAsync();
                writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
                Url(writer, $"{root}/", null);
                foreach (var slug in categories)
                {
                    Url(writer, $"{root}/c/{slug}", null);
                }

                foreach (var p in products)
                {
                    Url(writer, $"{root}/p/{p.Slug}", p.UpdatedAt);
                }

                await writer.WriteEndElementAsync();
            }

            return Results.Bytes(xml.ToArray(), "application/xml; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }

    private static void Url(XmlWriter writer, string location, DateTimeOffset? modified)
    {
        writer.WriteStartElement("url");
        writer.WriteElementString("loc", location);
        if (modified is { } m)
        {
            writer.WriteElementString("lastmod", m.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndElement();
    }
}
