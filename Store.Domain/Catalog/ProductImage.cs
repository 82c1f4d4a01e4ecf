namespace Store.Domain.Catalog;

/// <summary>
/// An uploaded picture of a product. The files are named by <see cref="Hash"/> (of the uploaded bytes), so the same
/// picture uploaded twice shares its files; they are removed only when no image row names them any more.
/// </summary>
public sealed class ProductImage
{
    public const int MaxAltTextLength = 300;
    public const int HashLength = 32;

    private ProductImage()
    {
    }

    public ProductImage(int productId, int position, string hash, ImageFormat format, int width, int height, int[] widths, long byteSize, string? altText, DateTimeOffset now)
    {
        if (hash.Length != HashLength || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"An image hash is {HashLength} lowercase hex digits.", nameof(hash));
        }

        if (width < 1 || height < 1 || widths.Length == 0 || widths.Any(w => w < 1 || w > width))
        {
            throw new ArgumentException("An image has a size and copies no wider than itself.", nameof(widths));
        }

        ProductId = productId;
        Position = position;
        Hash = hash;
        Format = format;
        Width = width;
        Height = height;
        Widths = widths;
        ByteSize = byteSize;
        AltText = Alt(altText);
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }

    /// <summary>Order on the product page; the lowest is the main picture (also the one on product cards).</summary>
    public int Position { get; private set; }

    public string Hash { get; private set; } = "";

    /// <summary>The uploaded format: copies exist in WebP and, for JPEG and PNG, in this format too.</summary>
    public ImageFormat Format { get; private set; }

    /// <summary>Size of the upright picture as uploaded (after applying its EXIF orientation).</summary>
    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Widths of the stored copies, ascending.</summary>
    public int[] Widths { get; private set; } = [];

    public long ByteSize { get; private set; }

    /// <summary>Describes the picture for people who cannot see it; empty means the product's name is used.</summary>
    public string AltText { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static bool IsValidAltText(string? altText) => (altText?.Trim().Length ?? 0) <= MaxAltTextLength;

    public void Describe(string? altText) => AltText = Alt(altText);

    public void MoveTo(int position) => Position = position;

    private static string Alt(string? altText) =>
        IsValidAltText(altText)
            ? altText?.Trim() ?? ""
            : throw new ArgumentException($"Alt text is at most {MaxAltTextLength} characters.", nameof(altText));
}
