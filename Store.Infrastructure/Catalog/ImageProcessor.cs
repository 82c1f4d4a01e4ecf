using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SkiaSharp;
using Store.Domain.Catalog;
using Store.Domain.Common;

namespace Store.Infrastructure.Catalog;

/// <summary>
/// Checks an upload and makes its resized copies with SkiaSharp, in memory: the type from the file's signature, the
/// size from the header before any pixel is decoded, then a full decode (a damaged file fails here), the EXIF
/// orientation applied, and each width encoded as WebP plus, for JPEG and PNG uploads, in the uploaded format.
/// Re-encoding also drops the upload's metadata (camera, GPS position).
/// </summary>
public sealed class ImageProcessor(IOptions<ImageOptions> options)
{
    private const int JpegQuality = 82;
    private const float WebpQuality = 80;

    private static readonly DomainError Unreadable =
        DomainError.Invalid("image.unreadable", "The file looks like an image but could not be read: it may be damaged or cut short.");

    private static readonly SKSamplingOptions Halving = new(SKFilterMode.Linear, SKMipmapMode.None);
    private static readonly SKSamplingOptions Final = new(SKCubicResampler.Mitchell);

    public static DomainError NotAnImage { get; } =
        DomainError.Invalid("image.type", "Only JPEG, PNG or WebP images can be uploaded, and this file is none of them (its contents were checked, not its name).");

    public static DomainError TooLarge(long maxBytes) =>
        DomainError.Invalid("image.size", $"The file is larger than {maxBytes / (1024.0 * 1024.0):0.#} MB, the most an image may be.");

    public Result<ProcessedImage> Process(ReadOnlySpan<byte> bytes)
    {
        var limits = options.Value;
        if (bytes.Length > limits.MaxBytes)
        {
            return TooLarge(limits.MaxBytes);
        }

        if (ImageFormats.Detect(bytes) is not { } format)
        {
            return NotAnImage;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != ToSkia(format))
        {
            return Unreadable;
        }

        var (storedWidth, storedHeight) = (codec.Info.Width, codec.Info.Height);
        if (ImageSizing.CheckDimensions(storedWidth, storedHeight, limits.MaxSide, limits.MaxPixels) is { } tooBig)
        {
            return tooBig;
        }

        var origin = codec.EncodedOrigin;
        var turned = IsTurned(origin);
        var (width, height) = turned ? (storedHeight, storedWidth) : (storedWidth, storedHeight);
        var widths = ImageSizing.WidthsFor(width);
        var copies = new List<ImageCopy>();
        var owned = new List<SKBitmap>();
        try
        {
            // Sizes in the stored frame: orient after the first downscale, as turning the full-size picture would
            // copy every pixel once more.
            var (largest, largestHeight) = (widths[^1], ImageSizing.HeightFor(width, height, widths[^1]));
            var (storedLargest, storedLargestHeight) = turned ? (largestHeight, largest) : (largest, largestHeight);
            if (Decode(codec, storedLargest, storedLargestHeight) is not { } decoded)
            {
                return Unreadable;
            }

            owned.Add(decoded);
            var current = Orient(Resize(decoded, storedLargest, storedLargestHeight, owned), origin, owned);
            foreach (var target in widths.Reverse())
            {
                current = Resize(current, target, ImageSizing.HeightFor(width, height, target), owned);
                copies.AddRange(Encode(current, format));
            }
        }
        finally
        {
            foreach (var bitmap in owned)
            {
                bitmap.Dispose();
            }
        }

        copies.Reverse();
        return new ProcessedImage(HashOf(bytes), format, width, height, widths, bytes.Length, copies);
    }

    /// <summary>
    /// The first 128 bits of the SHA-256 of the uploaded bytes, in hex: files are never overwritten, so a name always
    /// means the same bytes and browsers and CDNs may keep them forever.
    /// </summary>
    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..ProductImage.HashLength];

    /// <summary>
    /// Decodes every pixel; a JPEG is decoded straight at a reduced scale (libjpeg's n/8 scaling) when that still
    /// covers <paramref name="minWidth"/> × <paramref name="minHeight"/>: a 24-megapixel photo then costs a quarter
    /// of the memory and time.
    /// </summary>
    private static SKBitmap? Decode(SKCodec codec, int minWidth, int minHeight)
    {
        var size = codec.Info.Size;
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
        {
            // Skia rounds a requested scale to the nearest eighth, which may fall short: try each eighth upwards.
            size = Enumerable.Range(1, 8)
                .Select(eighths => codec.GetScaledDimensions(eighths / 8f))
                .First(s => (s.Width >= minWidth && s.Height >= minHeight) || s == codec.Info.Size);
        }

        var info = new SKImageInfo(
            size.Width,
            size.Height,
            SKImageInfo.PlatformColorType,
            codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul,
            SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info))
        {
            bitmap.Dispose();
            return null;
        }

        // Anything short of complete (a truncated file decodes as grey below the cut) is refused.
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }

        return bitmap;
    }

    /// <summary>
    /// Halves while the picture is more than twice the target (a linear filter at exactly one half averages each
    /// 2×2 block), then finishes with a Mitchell filter: a cubic filter alone skips pixels on large reductions.
    /// Returns <paramref name="source"/> itself when it already has the size; a new bitmap goes into
    /// <paramref name="owned"/>, and the steps in between are freed at once.
    /// </summary>
    private static SKBitmap Resize(SKBitmap source, int width, int height, List<SKBitmap> owned)
    {
        var current = source;
        while (current.Width >= width * 2 && current.Height >= height * 2)
        {
            current = Step(current, source, current.Resize(new SKSizeI(current.Width / 2, current.Height / 2), Halving));
        }

        if (current.Width != width || current.Height != height)
        {
            current = Step(current, source, current.Resize(new SKSizeI(width, height), Final));
        }

        if (!ReferenceEquals(current, source))
        {
            owned.Add(current);
        }

        return current;
    }

    private static SKBitmap Step(SKBitmap current, SKBitmap source, SKBitmap? next)
    {
        if (!ReferenceEquals(current, source))
        {
            current.Dispose();
        }

        return next ?? throw new InvalidOperationException("SkiaSharp could not resize the picture.");
    }

    private static bool IsTurned(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Draws the stored pixels upright, as a viewer honouring the EXIF orientation tag shows them.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin, List<SKBitmap> owned)
    {
        if (origin is SKEncodedOrigin.TopLeft)
        {
            return source;
        }

        var (w, h) = (source.Width, source.Height);
        var turned = IsTurned(origin);
        var upright = new SKBitmap(new SKImageInfo(turned ? h : w, turned ? w : h, source.ColorType, source.AlphaType, source.ColorSpace));
        owned.Add(upright);
        using var canvas = new SKCanvas(upright);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight:
                canvas.Translate(w, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight:
                canvas.Translate(w, h);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft:
                canvas.Translate(0, h);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop:
                canvas.RotateDegrees(90);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.RightTop:
                canvas.Translate(h, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom:
                canvas.Translate(h, w);
                canvas.RotateDegrees(90);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.LeftBottom:
                canvas.Translate(0, w);
                canvas.RotateDegrees(270);
                break;
        }

        canvas.Clear(SKColors.Transparent);
        canvas.DrawBitmap(source, 0, 0);
        return upright;
    }

    private static List<ImageCopy> Encode(SKBitmap bitmap, ImageFormat uploaded)
    {
        using var pixmap = bitmap.PeekPixels();
        var copies = new List<ImageCopy> { Copy(bitmap, ImageFormat.Webp, pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, WebpQuality))) };
        if (uploaded == ImageFormat.Jpeg)
        {
            copies.Add(Copy(bitmap, ImageFormat.Jpeg, pixmap.Encode(new SKJpegEncoderOptions(JpegQuality))));
        }
        else if (uploaded == ImageFormat.Png)
        {
            // zlib level 3: a third of level 6's time for about a fifth more bytes, on copies that only browsers
            // without WebP fetch (measured on a 1600×1600 photo: 1.3 s against 4.7 s).
            copies.Add(Copy(bitmap, ImageFormat.Png, pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 3))));
        }

        return copies;
    }

    private static ImageCopy Copy(SKBitmap bitmap, ImageFormat format, SKData? encoded)
    {
        using (encoded)
        {
            return encoded is null
                ? throw new InvalidOperationException($"SkiaSharp could not encode a {format} copy.")
                : new ImageCopy(bitmap.Width, bitmap.Height, format, encoded.ToArray());
        }
    }

    private static SKEncodedImageFormat ToSkia(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => SKEncodedImageFormat.Jpeg,
        ImageFormat.Png => SKEncodedImageFormat.Png,
        _ => SKEncodedImageFormat.Webp,
    };
}
