using Store.Domain.Catalog;

namespace Store.Infrastructure.Catalog;

/// <summary>An uploaded product picture as the storefront shows it: the URLs of its copies, for srcset.</summary>
public sealed record ProductPicture(string Hash, ImageFormat Format, int Width, int Height, int[] Widths, string AltText)
{
    /// <summary>The width a browser without srcset support gets, and what the API and JSON-LD link to.</summary>
    public const int DefaultWidth = 640;

    public int LargestWidth => Widths[^1];

    public int LargestHeight => ImageSizing.HeightFor(Width, Height, LargestWidth);

    /// <summary>The format of the fallback copies: the uploaded one (WebP uploads only have WebP copies).</summary>
    public ImageFormat FallbackFormat => Format;

    public bool HasWebpAlternative => Format != ImageFormat.Webp;

    public string DefaultUrl => Url(Widths.Where(w => w <= DefaultWidth).DefaultIfEmpty(Widths[0]).Max(), FallbackFormat);

    public string LargestUrl => Url(LargestWidth, FallbackFormat);

    public static string FileName(string hash, int width, ImageFormat format) => $"{hash}-{width}.{ImageFormats.Extension(format)}";

    public string Url(int width, ImageFormat format) => "/media/" + FileName(Hash, width, format);

    public string SrcSet(ImageFormat format) => string.Join(", ", Widths.Select(w => $"{Url(w, format)} {w}w"));
}
