using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Store.Domain.Catalog;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Features.Catalog;

/// <summary>Uploads through the real service, into real PostgreSQL and a real (temporary) picture folder.</summary>
public class ProductImageTests(ImageFolderFixture db) : IClassFixture<ImageFolderFixture>
{
    [Fact]
    public async Task UploadAsync_WithAJpeg_StoresEveryWidthAsWebpAndJpegNamedByTheContentHash()
    {
        var product = await ProductAsync(0);
        var bytes = TestImages.Jpeg(2400, 1600);

        var row = await UploadAsync(product, bytes, "A tee on a hanger");

        var hash = ImageProcessor.HashOf(bytes);
        Assert.Equal((hash, ImageFormat.Jpeg, 2400, 1600), (row.Picture.Hash, row.Picture.Format, row.Picture.Width, row.Picture.Height));
        Assert.Equal([320, 640, 1024, 1600], row.Picture.Widths);
        foreach (var width in row.Picture.Widths)
        {
            foreach (var (format, skia) in new[] { (ImageFormat.Webp, SKEncodedImageFormat.Webp), (ImageFormat.Jpeg, SKEncodedImageFormat.Jpeg) })
            {
                var file = File(ProductPicture.FileName(hash, width, format));
                Assert.Equal((width, ImageSizing.HeightFor(2400, 1600, width), skia), TestImages.Inspect(file));
            }
        }

        Assert.Equal(8, FilesOf(hash).Count);
        Assert.Equal("A tee on a hanger", row.Picture.AltText);
        var smallest = File(ProductPicture.FileName(hash, 320, ImageFormat.Jpeg));
        Assert.True(TestImages.PixelAt(smallest, 40, 40).Red > 200, "the red block stays top-left");
        Assert.True(TestImages.PixelAt(smallest, 300, 200).Red < 100, "and covers only that quarter");
    }

    [Fact]
    public async Task UploadAsync_WithAPngSmallerThanTheLargestWidth_NeverUpscales()
    {
        var bytes = TestImages.Png(900, 450);

        var row = await UploadAsync(await ProductAsync(1), bytes);

        Assert.Equal([320, 640, 900], row.Picture.Widths);
        var largest = File(ProductPicture.FileName(row.Picture.Hash, 900, ImageFormat.Png));
        Assert.Equal((900, 450, SKEncodedImageFormat.Png), TestImages.Inspect(largest));
        Assert.Equal(6, FilesOf(row.Picture.Hash).Count);
    }

    [Fact]
    public async Task UploadAsync_WithAWebp_StoresWebpCopiesOnly()
    {
        var row = await UploadAsync(await ProductAsync(2), TestImages.Webp(1200, 1200));

        Assert.Equal([320, 640, 1024, 1200], row.Picture.Widths);
        Assert.All(FilesOf(row.Picture.Hash), f => Assert.EndsWith(".webp", f, StringComparison.Ordinal));
        Assert.Equal(4, FilesOf(row.Picture.Hash).Count);
        Assert.False(row.Picture.HasWebpAlternative);
    }

    [Fact]
    public async Task UploadAsync_WhenTheJpegSaysItIsTurned_StoresItUpright()
    {
        // Stored 1200×800 with the red block top-left; orientation 6 means "turn 90° clockwise to view".
        var bytes = TestImages.WithExifOrientation(TestImages.Jpeg(1200, 800), 6);

        var row = await UploadAsync(await ProductAsync(3), bytes);

        Assert.Equal((800, 1200), (row.Picture.Width, row.Picture.Height));
        var copy = File(ProductPicture.FileName(row.Picture.Hash, 640, ImageFormat.Jpeg));
        Assert.Equal((640, 960, SKEncodedImageFormat.Jpeg), TestImages.Inspect(copy));
        Assert.True(TestImages.PixelAt(copy, 600, 100).Red > 200, "the red block is now top-right");
        Assert.True(TestImages.PixelAt(copy, 40, 100).Red < 100, "and no longer top-left");
    }

    [Fact]
    public async Task UploadAsync_WhenATextFileIsNamedJpg_IsRefusedAndWritesNothing()
    {
        // What a browser would send for "photo.jpg" that is really a text file: the name and type are not looked at.
        var before = await RowCountAsync();
        var text = "This is not a picture, whatever its name says.\n"u8.ToArray();

        var result = await TryUploadAsync(await ProductAsync(4), text);

        Assert.Equal("image.type", result.Error?.Code);
        Assert.Contains("JPEG, PNG or WebP", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RowCountAsync());
        Assert.Empty(FilesOf(ImageProcessor.HashOf(text)));
    }

    [Fact]
    public async Task UploadAsync_WhenAJpegIsCutShort_IsRefusedAsDamagedAndWritesNothing()
    {
        var whole = TestImages.Jpeg(800, 600);
        var cut = whole[..(whole.Length / 2)];
        var before = await RowCountAsync();

        var result = await TryUploadAsync(await ProductAsync(4), cut);

        Assert.Equal("image.unreadable", result.Error?.Code);
        Assert.Equal(before, await RowCountAsync());
        Assert.Empty(FilesOf(ImageProcessor.HashOf(cut)));
    }

    [Fact]
    public async Task UploadAsync_WhenTheFileIsOverTheByteLimit_IsRefusedBeforeDecoding()
    {
        var huge = new byte[(10 * 1024 * 1024) + 1];
        TestImages.Jpeg(64, 64).CopyTo(huge, 0);

        var result = await TryUploadAsync(await ProductAsync(4), huge);

        Assert.Equal("image.size", result.Error?.Code);
        Assert.Contains("10 MB", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadAsync_WhenTheHeaderClaimsAHugeCanvas_IsRefusedWithoutDecodingIt()
    {
        // 60,000 × 60,000 pixels would take 14 GB to decode; the file is a few dozen bytes.
        var bomb = TestImages.PngClaiming(60_000, 60_000);
        var before = await RowCountAsync();

        var result = await TryUploadAsync(await ProductAsync(4), bomb);

        Assert.Equal("image.dimensions", result.Error?.Code);
        Assert.Contains("60000×60000", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RowCountAsync());
        Assert.Empty(FilesOf(ImageProcessor.HashOf(bomb)));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheFilesOnlyWhenNoOtherRowUsesThem()
    {
        var bytes = TestImages.Jpeg(700, 700, seed: 77);
        var first = await UploadAsync(await ProductAsync(5), bytes);
        var second = await UploadAsync(await ProductAsync(6), bytes);
        Assert.Equal(first.Picture.Hash, second.Picture.Hash);
        var files = FilesOf(first.Picture.Hash);
        Assert.Equal(6, files.Count);

        Assert.True((await DeleteAsync(first.Id)).IsSuccess);
        Assert.Equal(files, FilesOf(first.Picture.Hash));

        Assert.True((await DeleteAsync(second.Id)).IsSuccess);
        Assert.Empty(FilesOf(first.Picture.Hash));
        await using var scope = db.Scope();
        Assert.False(await db.Get<StoreDbContext>(scope).ProductImages.AnyAsync(i => i.Hash == first.Picture.Hash));
    }

    [Fact]
    public async Task ReorderAsync_MakesTheFirstPictureTheMainOneOnCardsAndTheProductPage()
    {
        var product = await ProductAsync(7);
        var a = await UploadAsync(product, TestImages.Png(400, 400, seed: 11));
        var b = await UploadAsync(product, TestImages.Png(400, 400, seed: 12));
        Assert.Equal((0, 1), (a.Position, b.Position));
        Assert.Equal(a.Picture.Hash, (await SummaryAsync(product)).Image?.Hash);

        await using (var scope = db.Scope())
        {
            Assert.True((await db.Get<ProductImageService>(scope).ReorderAsync(product, [b.Id, a.Id], "test")).IsSuccess);
        }

        Assert.Equal(b.Picture.Hash, (await SummaryAsync(product)).Image?.Hash);
        await using var read = db.Scope();
        var slug = await db.Get<StoreDbContext>(read).Products.Where(p => p.Id == product).Select(p => p.Slug).SingleAsync();
        var detail = await db.Get<CatalogQueries>(read).ProductAsync(slug);
        Assert.Equal([b.Picture.Hash, a.Picture.Hash], detail!.Images.Select(i => i.Hash));
        Assert.Equal(b.Picture.DefaultUrl, detail.ImageUrl);
    }

    [Fact]
    public async Task ReorderAsync_WhenTheListIsNotTheProductsPictures_RefusesAndChangesNothing()
    {
        var product = await ProductAsync(8);
        var a = await UploadAsync(product, TestImages.Png(300, 300, seed: 21));
        await using var scope = db.Scope();

        var result = await db.Get<ProductImageService>(scope).ReorderAsync(product, [a.Id, a.Id + 100_000], "test");

        Assert.Equal("image.order", result.Error?.Code);
    }

    [Fact]
    public async Task DeleteAndUpload_OfTheSamePictureAtOnce_NeverLeaveARowWithoutItsFiles()
    {
        var bytes = TestImages.Jpeg(500, 500, seed: 99);
        var (left, right) = (await ProductAsync(9), await ProductAsync(10));
        var existing = await UploadAsync(left, bytes);

        // The upload spends its first milliseconds decoding and encoding; the delete starts somewhere in that span.
        var random = new Random(7);
        for (var round = 0; round < 30; round++)
        {
            var upload = UploadAsync(right, bytes);
            await Task.Delay(random.Next(0, 40));
            var delete = DeleteAsync(existing.Id);
            await Task.WhenAll(delete, upload);
            Assert.True((await delete).IsSuccess);

            await using var scope = db.Scope();
            var rows = await db.Get<StoreDbContext>(scope).ProductImages.Where(i => i.Hash == existing.Picture.Hash).ToListAsync();
            Assert.Single(rows);
            Assert.Equal(4, FilesOf(existing.Picture.Hash).Count); // 320 and 500 wide, WebP and JPEG
            existing = await upload;
            (left, right) = (right, left);
        }
    }

    private async Task<int> ProductAsync(int skip)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Products.Where(p => p.IsPublished).OrderBy(p => p.Id).Skip(skip).Select(p => p.Id).FirstAsync();
    }

    private async Task<ProductSummary> SummaryAsync(int productId)
    {
        await using var scope = db.Scope();
        return Assert.Single(await db.Get<RecommendationQueries>(scope).ByIdsAsync([productId]));
    }

    private async Task<ProductImageRow> UploadAsync(int productId, byte[] bytes, string? alt = null)
    {
        var result = await TryUploadAsync(productId, bytes, alt);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private async Task<Store.Domain.Common.Result<ProductImageRow>> TryUploadAsync(int productId, byte[] bytes, string? alt = null)
    {
        await using var scope = db.Scope();
        return await db.Get<ProductImageService>(scope).UploadAsync(productId, new MemoryStream(bytes), alt, "test");
    }

    private async Task<Store.Domain.Common.Result<bool>> DeleteAsync(int imageId)
    {
        await using var scope = db.Scope();
        return await db.Get<ProductImageService>(scope).DeleteAsync(imageId, "test");
    }

    private async Task<int> RowCountAsync()
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).ProductImages.CountAsync();
    }

    private IReadOnlyList<string> FilesOf(string hash) => db.Files().Where(f => Path.GetFileName(f).StartsWith(hash, StringComparison.Ordinal)).ToList();

    private byte[] File(string name) => System.IO.File.ReadAllBytes(Path.Combine(db.ImageRoot, name[..2], name));
}
