using Store.Domain.Common;

namespace Store.Domain.Catalog;

/// <summary>Which resized copies an uploaded picture gets, and how large a picture may be at all.</summary>
public static class ImageSizing
{
    /// <summary>Widths of the copies, chosen to cover phone, tablet and desktop slots at 1x and 2x density.</summary>
    public static readonly IReadOnlyList<int> StandardWidths = [320, 640, 1024, 1600];

    /// <summary>
    /// The standard widths narrower than the picture, plus the picture's own width when it is narrower than the
    /// largest: a copy is never wider than its original (upscaling only adds bytes, not detail).
    /// </summary>
    public static int[] WidthsFor(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var widths = StandardWidths.Where(w => w < width).ToList();
        widths.Add(Math.Min(width, StandardWidths[^1]));
        return widths.Distinct().ToArray();
    }

    /// <summary>The height of a copy <paramref name="targetWidth"/> wide, keeping the aspect ratio (at least 1 pixel).</summary>
    public static int HeightFor(int width, int height, int targetWidth) =>
        (int)Math.Max(1, ((long)height * targetWidth + (width / 2)) / width);

    /// <summary>
    /// Checked on the header alone, before any pixel is decoded: a small file can claim a huge canvas (a
    /// decompression bomb), and decoding it would take gigabytes of memory.
    /// </summary>
    public static DomainError? CheckDimensions(int width, int height, int maxSide, long maxPixels)
    {
        if (width < 1 || height < 1)
        {
            return DomainError.Invalid("image.dimensions", "The image has no pixels.");
        }

        if (width > maxSide || height > maxSide || (long)width * height > maxPixels)
        {
            return DomainError.Invalid(
                "image.dimensions",
                $"The image is {width}×{height} pixels; at most {maxSide} pixels a side and {maxPixels / 1_000_000.0:0.#} megapixels are accepted.");
        }

        return null;
    }
}
