namespace Store.Infrastructure.Catalog;

/// <summary>Settings under <c>Store:Images</c>: where uploaded product pictures live and how large they may be.</summary>
public sealed class ImageOptions
{
    public const string Section = "Store:Images";

    /// <summary>
    /// Folder of the resized copies (not under wwwroot: they are served by the store at content-hashed URLs). A
    /// relative path is under the app's content root.
    /// </summary>
    public string Root { get; set; } = ".data/images";

    /// <summary>Largest upload accepted, in bytes (10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Longest side accepted, in pixels.</summary>
    public int MaxSide { get; set; } = 12_000;

    /// <summary>Most pixels accepted (width × height): decoding takes four bytes a pixel.</summary>
    public long MaxPixels { get; set; } = 40_000_000;
}
