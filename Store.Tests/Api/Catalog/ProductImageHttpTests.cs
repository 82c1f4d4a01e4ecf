using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Catalog;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Tests.Support;
using Store.Web.Components.Shared;

namespace Store.Tests.Api.Catalog;

/// <summary>Uploaded pictures as a browser (or a CDN) gets them: the files, their headers, the storefront markup.</summary>
public class ProductImageHttpTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task GetMedia_ServesEachCopyWithItsTypeAndTheImmutableCacheHeader()
    {
        var (_, _, picture) = await UploadAsync(skip: 0, TestImages.Jpeg(1300, 1000, seed: 3));
        var client = app.CreateClient();

        foreach (var (format, type) in new[] { (ImageFormat.Webp, "image/webp"), (ImageFormat.Jpeg, "image/jpeg") })
        {
            var url = picture.Url(1024, format);
            Assert.Matches($"^/media/{picture.Hash}-1024\\.(webp|jpg)$", url);
            var response = await client.GetAsync(url);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.Equal((1024, ImageSizing.HeightFor(1300, 1000, 1024)), Size(await response.Content.ReadAsByteArrayAsync()));
        }
    }

    [Fact]
    public async Task HeadMedia_AnswersTheHeadersAlone()
    {
        var (_, _, picture) = await UploadAsync(skip: 3, TestImages.Jpeg(400, 300, seed: 4));

        using var response = await app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, picture.Url(400, ImageFormat.Webp)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/media/0123456789abcdef0123456789abcdef-320.webp")]
    [InlineData("/media/0123456789abcdef0123456789abcdef-320.gif")]
    [InlineData("/media/not-a-hash-320.webp")]
    [InlineData("/media/..%2F..%2Fappsettings.json")]
    public async Task GetMedia_WhenNothingIsStoredUnderTheName_Answers404(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ProductPage_ShowsTheMainPictureEagerWithSrcsetAndTheOthersLazy()
    {
        var (slug, name, main) = await UploadAsync(skip: 1, TestImages.Png(2000, 1500, seed: 5));
        var second = await UploadAsync(skip: 1, TestImages.Png(800, 800, seed: 6));

        var html = await app.CreateClient().GetStringAsync($"/p/{slug}");

        Assert.Contains($"<source type=\"image/webp\" srcset=\"/media/{main.Hash}-320.webp 320w, /media/{main.Hash}-640.webp 640w, /media/{main.Hash}-1024.webp 1024w, /media/{main.Hash}-1600.webp 1600w\"", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"/media/{main.Hash}-640.png\" srcset=\"/media/{main.Hash}-320.png 320w", html, StringComparison.Ordinal);
        Assert.Matches($"src=\"/media/{main.Hash}-640.png\"[^>]*width=\"1600\" height=\"1200\" alt=\"{name}\" loading=\"eager\" decoding=\"async\" fetchpriority=\"high\"", html);
        Assert.Matches($"src=\"/media/{second.Picture.Hash}-640.png\"[^>]*loading=\"lazy\"", html);
        Assert.DoesNotContain($"/media/products/{slug}.svg\"", html, StringComparison.Ordinal);
        Assert.Contains($"/media/{main.Hash}-1600.png", html, StringComparison.Ordinal); // JSON-LD image
    }

    [Fact]
    public async Task ProductPage_WithoutUploadedPictures_KeepsTheGeneratedSvg()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var slug = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Products
            .Where(p => p.IsPublished).OrderByDescending(p => p.Id).Select(p => p.Slug).FirstAsync();

        var html = await app.CreateClient().GetStringAsync($"/p/{slug}");

        Assert.Contains($"<img src=\"/media/products/{slug}.svg\"", html, StringComparison.Ordinal);
        Assert.Contains("fetchpriority=\"high\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAndCategoryCards_ShowTheUploadedPictureWithSrcset_LazilyBelowTheFirstRow()
    {
        var (slug, name, picture) = await UploadAsync(skip: 2, TestImages.Webp(1000, 1000, seed: 8));
        await using var scope = app.Services.CreateAsyncScope();
        var products = scope.ServiceProvider.GetRequiredService<StoreDbContext>().Products;
        var product = await products.Where(p => p.Slug == slug).Select(p => new { p.CategoryId, Category = p.Category!.Slug }).SingleAsync();
        var before = await products.CountAsync(p => p.IsPublished && p.CategoryId == product.CategoryId && string.Compare(p.Name, name) < 0);
        var client = app.CreateClient();

        // The category page lists 12 a page, by name; the first row of four loads at once, the rest when scrolled to.
        var inFirstRow = before % 12 < ProductCard.FirstRow;
        foreach (var (page, loading) in new[] { ($"/search?q={Uri.EscapeDataString(name)}", "(lazy|eager)"), ($"/c/{product.Category}?page={(before / 12) + 1}", inFirstRow ? "eager" : "lazy") })
        {
            var html = await client.GetStringAsync(page);

            Assert.Matches($"<img src=\"/media/{picture.Hash}-640.webp\" srcset=\"/media/{picture.Hash}-320.webp 320w, [^\"]*\" sizes=\"[^\"]+\" width=\"1000\" height=\"1000\" alt=\"\" loading=\"{loading}\" decoding=\"async\"", html);
        }
    }

    private async Task<(string Slug, string Name, ProductPicture Picture)> UploadAsync(int skip, byte[] bytes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var product = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Products
            .Where(p => p.IsPublished).OrderBy(p => p.Id).Skip(skip).Select(p => new { p.Id, p.Slug, p.Name }).FirstAsync();
        var uploaded = await scope.ServiceProvider.GetRequiredService<ProductImageService>().UploadAsync(product.Id, new MemoryStream(bytes), null, "test");
        Assert.True(uploaded.IsSuccess, uploaded.Error?.Message);
        return (product.Slug, product.Name, uploaded.Value.Picture);
    }

    private static (int Width, int Height) Size(byte[] file)
    {
        var (width, height, _) = TestImages.Inspect(file);
        return (width, height);
    }
}
