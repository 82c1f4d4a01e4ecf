using System.Globalization;
using System.Net;

namespace Store.Infrastructure.Catalog;

/// <summary>
/// Demo product pictures: a small SVG drawn from the product's name, so every product has an image without
/// shipping binary files. A product's uploaded pictures (<see cref="ProductImageService"/>) take their place.
/// </summary>
public static class ProductImages
{
    public static string UrlFor(string slug) => $"/media/products/{slug}.svg";

    public static string Svg(string name, string brand)
    {
        var hash = 17;
        foreach (var c in name)
        {
            hash = unchecked((hash * 31) + c);
        }

        var hue = (hash & 0x7fffffff) % 360;
        var hue2 = (hue + 40) % 360;
        var initials = string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
        var title = WebUtility.HtmlEncode(name);
        var sub = WebUtility.HtmlEncode(brand);
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600" role="img" aria-label="{title}">
            <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl({hue},55%,62%)"/><stop offset="1" stop-color="hsl({hue2},60%,40%)"/></linearGradient></defs>
            <rect width="600" height="600" fill="url(#g)"/>
            <circle cx="300" cy="260" r="150" fill="rgba(255,255,255,0.18)"/>
            <text x="300" y="310" font-family="Georgia,serif" font-size="150" fill="#fff" text-anchor="middle">{initials}</text>
            <text x="300" y="520" font-family="Helvetica,Arial,sans-serif" font-size="30" fill="#fff" text-anchor="middle">{sub}</text>
            </svg>
            """);
    }
}
