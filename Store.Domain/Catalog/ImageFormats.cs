namespace Store.Domain.Catalog;

/// <summary>
/// Recognises an uploaded file by its first bytes (its signature), never by its name or the browser's content type:
/// both come from the client and a renamed file keeps its real contents.
/// </summary>
public static class ImageFormats
{
    /// <summary>The bytes <see cref="Detect"/> needs to see.</summary>
    public const int SignatureLength = 12;

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Png => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Riff => "RIFF"u8;

    private static ReadOnlySpan<byte> Webp => "WEBP"u8;

    public static ImageFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Jpeg))
        {
            return ImageFormat.Jpeg;
        }

        if (head.StartsWith(Png))
        {
            return ImageFormat.Png;
        }

        // RIFF container: "RIFF", 4 bytes of length, then the form type.
        if (head.Length >= SignatureLength && head.StartsWith(Riff) && head[8..12].SequenceEqual(Webp))
        {
            return ImageFormat.Webp;
        }

        return null;
    }

    public static string Extension(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpg",
        ImageFormat.Png => "png",
        ImageFormat.Webp => "webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string ContentType(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.Webp => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static ImageFormat? FromExtension(string extension) => extension switch
    {
        "jpg" => ImageFormat.Jpeg,
        "png" => ImageFormat.Png,
        "webp" => ImageFormat.Webp,
        _ => null,
    };
}
