using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Infrastructure.Data.DemoData;
using Store.Tests.Support;
using Xunit.Abstractions;

namespace Store.Tests.Features.Catalog;

/// <summary>The demo catalog's drawn pictures, seeded into a real database and a real (temporary) picture folder.</summary>
public class DemoPicturesTests(ImageFolderFixture db, ITestOutputHelper output) : IClassFixture<ImageFolderFixture>
{
    [Fact]
    public async Task SeedAsync_GivesEveryProductOneDrawnPicturePerColourStoredAsUploadsAre()
    {
        await SeedAsync();

        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var expected = await context.Variants.Select(v => new { v.ProductId, v.Colour }).Distinct().CountAsync();
        Assert.Equal(expected, await context.ProductImages.CountAsync());
        Assert.False(await context.Products.AnyAsync(p => !context.ProductImages.Any(i => i.ProductId == p.Id)));
        var tee = await context.Products.Where(p => p.Name.EndsWith(" Tee") && p.Variants.Select(v => v.Colour).Distinct().Count() == 3).FirstAsync();
        var images = await context.ProductImages.Where(i => i.ProductId == tee.Id).OrderBy(i => i.Position).ToListAsync();
        Assert.Equal([$"{tee.Name} in black", $"{tee.Name} in white", $"{tee.Name} in sage"], images.Select(i => i.AltText));
        foreach (var image in images)
        {
            Assert.Equal((ImageFormat.Webp, 1024, 1024), (image.Format, image.Width, image.Height));
            Assert.Equal([320, 640, 1024], image.Widths);
            foreach (var width in image.Widths)
            {
                var file = Path.Combine(db.ImageRoot, image.Hash[..2], ProductPicture.FileName(image.Hash, width, ImageFormat.Webp));
                Assert.Equal((width, width, SKEncodedImageFormat.Webp), TestImages.Inspect(File.ReadAllBytes(file)));
            }
        }

        Assert.Equal(3, images.Select(i => i.Hash).Distinct().Count());
    }

    [Fact]
    public async Task SeedAsync_DrawsTheProductInItsColourOnALightBackdrop()
    {
        await SeedAsync();

        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var tee = await context.Products.Where(p => p.Name.EndsWith(" Tee") && p.Variants.Any(v => v.Colour == "Black")).Select(p => p.Id).FirstAsync();
        var black = await context.ProductImages.Where(i => i.ProductId == tee && i.AltText.EndsWith(" in black")).SingleAsync();
        var file = Path.Combine(db.ImageRoot, black.Hash[..2], ProductPicture.FileName(black.Hash, 320, ImageFormat.Webp));

        var chest = TestImages.PixelAt(File.ReadAllBytes(file), 160, 190);
        var corner = TestImages.PixelAt(File.ReadAllBytes(file), 6, 6);
        Assert.True(chest.Red < 80 && chest.Green < 80 && chest.Blue < 80, $"the tee's chest is black, not {chest}");
        Assert.True(corner.Red > 200 && corner.Green > 200, $"the backdrop is light, not {corner}");
    }

    [Fact]
    public async Task SeedAsync_WhenRunAgain_AddsNothingAndRewritesNoFile()
    {
        await SeedAsync();
        var before = db.Files().ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(db.ImageRoot, f)));

        var again = await SeedAsync();

        Assert.Equal(0, again);
        Assert.Equal(before, db.Files().ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(db.ImageRoot, f))));
    }

    [Theory]
    [InlineData("Alpine Long Sleeve Tee", SketchKind.LongSleeveTee)]
    [InlineData("Trail Zip Hoodie", SketchKind.ZipHoodie)]
    [InlineData("Summit Hiking Boot", SketchKind.HikingBoot)]
    [InlineData("Cedar Roll-top Pack", SketchKind.RollTopPack)]
    [InlineData("Harbor French Press", SketchKind.FrenchPress)]
    [InlineData("Nordic Wool Socks", SketchKind.Socks)]
    [InlineData("Gift card", SketchKind.Parcel)]
    public void KindOf_ReadsTheProductFromItsName(string name, SketchKind kind) => Assert.Equal(kind, ProductSketch.KindOf(name));

    [Fact]
    public async Task KindOf_WhenGivenEveryDemoProduct_FindsADrawingForEachNeverTheParcel()
    {
        await using var scope = db.Scope();
        var names = await db.Get<StoreDbContext>(scope).Products.Select(p => p.Name).ToListAsync();

        Assert.DoesNotContain(names, n => ProductSketch.KindOf(n) == SketchKind.Parcel);
    }

    private static readonly SemaphoreSlim Once = new(1, 1);

    /// <summary>The tests share one seeding (the class's database): the first call draws, later ones find it done.</summary>
    private async Task<int> SeedAsync()
    {
        await Once.WaitAsync();
        try
        {
            await using var scope = db.Scope();
            var watch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var count = await DemoPictures.SeedAsync(db.Get<StoreDbContext>(scope), db.Get<ImageStore>(scope), db.Get<IClock>(scope));
            output.WriteLine($"{count} pictures seeded in {watch.ElapsedMilliseconds} ms ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms of CPU)");
            return count;
        }
        finally
        {
            Once.Release();
        }
    }
}
