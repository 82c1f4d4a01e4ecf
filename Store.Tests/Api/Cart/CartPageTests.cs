using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Tests.Features.Pricing;
using Store.Tests.Support;

namespace Store.Tests.Api.Cart;

/// <summary>The cart page as a browser gets it: a picture per line and suggestions, without a query per line.</summary>
public class CartPageTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task CartPage_ShowsEachLinesPictureWithSrcset_EagerOnTheFirstScreen_AndTheGeneratedSvgForAProductWithout()
    {
        var (withPicture, picture) = await UploadAsync(skip: 10, TestImages.Jpeg(900, 600, seed: 11));
        var without = await SlugAsync(skip: 11);
        var client = Client();
        await AddToCartAsync(client, withPicture);
        await AddToCartAsync(client, without);

        var html = await client.GetStringAsync("/cart");

        Assert.Contains($"<a href=\"/p/{withPicture}\" class=\"cart-item\"><picture><source type=\"image/webp\" srcset=\"/media/{picture.Hash}-320.webp 320w, /media/{picture.Hash}-640.webp 640w, /media/{picture.Hash}-900.webp 900w\" sizes=\"64px\" />", html, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"/media/{picture.Hash}-640.jpg\" srcset=\"/media/{picture.Hash}-320.jpg 320w, /media/{picture.Hash}-640.jpg 640w, /media/{picture.Hash}-900.jpg 900w\" sizes=\"64px\" width=\"900\" height=\"600\" alt=\"\" loading=\"eager\" decoding=\"async\" fetchpriority=\"high\" />", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/p/{without}\" class=\"cart-item\"><img src=\"/media/products/{without}.svg\" alt=\"\" width=\"64\" height=\"64\" loading=\"eager\" decoding=\"async\" />", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CartPage_WithItems_SuggestsWhatGoesWithThem_SimilarProductsUntilThereAreCoPurchases()
    {
        var slug = await SlugAsync(skip: 20);
        var client = Client();
        await AddToCartAsync(client, slug);
        await using var scope = app.Services.CreateAsyncScope();
        var productId = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        var similar = await scope.ServiceProvider.GetRequiredService<RecommendationQueries>().SimilarAsync(productId, 8);

        var html = await client.GetStringAsync("/cart");

        var strip = Strip(html);
        Assert.Contains("<h2 id=\"strip-cart-suggestions\">Goes well with your cart</h2>", strip, StringComparison.Ordinal);
        Assert.Equal(4, Cards(strip));
        Assert.Contains($"href=\"/p/{similar[0].Slug}\"", strip, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/p/{slug}\"", strip, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CartPage_WhenEmpty_SuggestsWhatWasViewedRecently_ElseTheFeaturedProducts()
    {
        var client = Client();
        var viewed = await SlugAsync(skip: 30);

        var fresh = Strip(await client.GetStringAsync("/cart"));
        await client.GetStringAsync($"/p/{viewed}");
        var afterViewing = Strip(await client.GetStringAsync("/cart"));

        Assert.Contains(">You might like</h2>", fresh, StringComparison.Ordinal);
        Assert.Equal(4, Cards(fresh));
        Assert.Contains(">Recently viewed</h2>", afterViewing, StringComparison.Ordinal);
        Assert.Contains($"href=\"/p/{viewed}\"", afterViewing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CartPage_ReadsThePicturesOfAllLinesAtOnce_TheSameQueriesForOneLineOrFour()
    {
        var counter = new CommandCounter();
        using var counted = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.ConfigureDbContext<StoreDbContext>(o => o.AddInterceptors(counter))));
        var client = counted.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var slugs = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            slugs.Add((await UploadAsync(skip: 40 + i, TestImages.Png(400, 400, seed: (byte)(20 + i)))).Slug);
        }

        await AddToCartAsync(client, slugs[0]);
        var one = await CommandsForCartPageAsync(client, counter);
        foreach (var slug in slugs.Skip(1))
        {
            await AddToCartAsync(client, slug);
        }

        var four = await CommandsForCartPageAsync(client, counter);

        Assert.True(one.Commands > 0, "The counter saw no SQL: it is not wired to the app's DbContext.");
        Assert.Equal(one.Commands, four.Commands);
        Assert.Equal(1, one.Pictures);
        Assert.Equal(4, four.Pictures);
    }

    private static async Task<(int Commands, int Pictures)> CommandsForCartPageAsync(HttpClient client, CommandCounter counter)
    {
        await client.GetStringAsync("/cart"); // warms the catalog cache (recommendations, categories) for the lines
        var before = counter.Count;
        var html = await client.GetStringAsync("/cart");
        return (counter.Count - before, html.Split("class=\"cart-item\"><picture>").Length - 1);
    }

    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    private static string Strip(string html)
    {
        var start = html.IndexOf("data-testid=\"cart-suggestions\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The cart page has no suggestions.");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static int Cards(string html) => html.Split("data-testid=\"product-card\"").Length - 1;

    private static async Task AddToCartAsync(HttpClient client, string slug)
    {
        var product = await client.GetFromJsonAsync<JsonElement>($"/api/products/{slug}");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 1 })).StatusCode);
    }

    /// <summary>A published product with a variant in stock, the skip-th by id.</summary>
    private async Task<string> SlugAsync(int skip)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        return await db.Products
            .Where(p => p.IsPublished && p.Variants.Any(v => db.Inventory.Any(i => i.VariantId == v.Id && i.OnHand - i.Reserved > 0)))
            .OrderBy(p => p.Id).Skip(skip).Select(p => p.Slug).FirstAsync();
    }

    private async Task<(string Slug, ProductPicture Picture)> UploadAsync(int skip, byte[] bytes)
    {
        var slug = await SlugAsync(skip);
        await using var scope = app.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        var uploaded = await scope.ServiceProvider.GetRequiredService<ProductImageService>().UploadAsync(id, new MemoryStream(bytes), null, "test");
        Assert.True(uploaded.IsSuccess, uploaded.Error?.Message);
        return (slug, uploaded.Value.Picture);
    }
}
