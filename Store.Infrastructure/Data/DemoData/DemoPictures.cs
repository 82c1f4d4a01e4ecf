using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Infrastructure.Catalog;

namespace Store.Infrastructure.Data.DemoData;

/// <summary>
/// Pictures for the demo catalog, drawn at seed time (<see cref="ProductSketch"/>): one per colour a product comes in,
/// stored exactly as uploaded pictures are (files under <see cref="ImageStore"/>, rows in <c>product_images</c>), so
/// the storefront serves them with srcset and staff can reorder, describe or delete them like any other.
/// </summary>
public static class DemoPictures
{
    /// <summary>Bump when the drawings change: the name of a file must always mean the same bytes.</summary>
    private const string DrawingVersion = "v1";

    private const int Size = 1024;

    /// <summary>Lossy WebP at this quality is a third of the PNG's bytes for these flat drawings, with no visible loss.</summary>
    private const int WebpQuality = 82;

    /// <summary>Draws and stores pictures for every product that has none; returns how many pictures were added.</summary>
    public static async Task<int> SeedAsync(StoreDbContext db, ImageStore store, IClock clock, CancellationToken ct = default)
    {
        var products = await db.Products.AsNoTracking()
            .Where(p => !db.ProductImages.Any(i => i.ProductId == p.Id))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, Colours = p.Variants.OrderBy(v => v.Id).Select(v => v.Colour).ToList() })
            .ToListAsync(ct);
        var widths = ImageSizing.WidthsFor(Size);
        var pictures = products
            .SelectMany(p => p.Colours.Distinct().Select((colour, position) => (p.Id, Position: position, Spec: SpecFor(p.Name, colour), Alt: AltFor(p.Name, colour))))
            .ToList();

        // Products of one kind and colour share a drawing and its files, as a product line's photos would: about 100
        // drawings for the 276 pictures of the demo catalog, each drawn once, on every core (WebP encoding is most of
        // the cost).
        var sizes = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        await Parallel.ForEachAsync(
            pictures.Select(p => p.Spec).Distinct(),
            new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (spec, token) => sizes[HashOf(spec)] = await WriteAsync(store, spec, widths, token));

        var now = clock.UtcNow;
        db.ProductImages.AddRange(pictures.Select(p =>
        {
            var hash = HashOf(p.Spec);
            return new ProductImage(p.Id, p.Position, hash, ImageFormat.Webp, Size, Size, widths, sizes[hash], p.Alt, now);
        }));
        await db.SaveChangesAsync(ct);
        return pictures.Count;
    }

    public static SketchSpec SpecFor(string productName, string? colour)
    {
        var main = ProductSketch.ColourOf(colour);
        var kind = ProductSketch.KindOf(productName);
        return new SketchSpec(kind, main, ProductSketch.TrimFor(kind, main));
    }

    /// <summary>
    /// The file name of a drawing: the first 128 bits of the SHA-256 of what it shows, as an upload's is of its bytes.
    /// The same spec always draws the same picture, so a name keeps meaning the same bytes.
    /// </summary>
    public static string HashOf(SketchSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"demo-sketch:{DrawingVersion}:{spec.Kind}:{spec.Colour}:{spec.Trim}")))[..ProductImage.HashLength];

    private static string AltFor(string productName, string? colour) =>
        string.IsNullOrWhiteSpace(colour) ? productName : $"{productName} in {colour.Trim().ToLowerInvariant()}";

    /// <summary>Draws each width unless its file is already there (a second store on the same folder); returns the largest copy's size.</summary>
    private static async Task<long> WriteAsync(ImageStore store, SketchSpec spec, int[] widths, CancellationToken ct)
    {
        var hash = HashOf(spec);
        var existing = store.FilesOf(hash).ToDictionary(f => Path.GetFileName(f), f => new FileInfo(f).Length);
        long largest = 0;
        foreach (var width in widths)
        {
            var name = ProductPicture.FileName(hash, width, ImageFormat.Webp);
            if (existing.TryGetValue(name, out var length))
            {
                largest = length;
                continue;
            }

            var bytes = ProductSketch.Render(spec, width, SKEncodedImageFormat.Webp, WebpQuality);
            await store.WriteIfMissingAsync(hash, new ImageCopy(width, width, ImageFormat.Webp, bytes), ct);
            largest = bytes.Length;
        }

        return largest;
    }
}
