using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Catalog;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Common;
using Store.Web.Components.Shared;

namespace Store.Tests.Components;

public class ProductCardTests : BunitContext
{
    public ProductCardTests()
    {
        // Prices are formatted in the store's currency and culture (the defaults: USD, en-US).
        Services.AddOptions<ShopOptions>();
        Services.AddSingleton<MoneyFormatter>();
    }

    [Fact]
    public void Render_ShowsNameBrandPriceAndLinksToTheProduct()
    {
        var cut = Render<ProductCard>(p => p.Add(c => c.Product, new ProductSummary(1, "Alpine Tee", "alpine-tee", "Northwind", "t-shirts", 2499, "USD", true)));

        Assert.Equal("Alpine Tee", cut.Find("h3").TextContent);
        Assert.Equal("/p/alpine-tee", cut.Find("a").GetAttribute("href"));
        Assert.Contains("$24.99", cut.Find(".price").TextContent);
        Assert.Equal("lazy", cut.Find("img").GetAttribute("loading"));
        Assert.Equal("/media/products/alpine-tee.svg", cut.Find("img").GetAttribute("src"));
        Assert.Empty(cut.FindAll(".badge"));
    }

    [Theory]
    [InlineData(0, "eager", "high")]
    [InlineData(3, "eager", null)]
    [InlineData(4, "lazy", null)]
    public void Render_InThePagesGrid_LoadsTheFirstRowAtOnceAndTheVeryFirstAheadOfAll(int index, string loading, string? priority)
    {
        var cut = Render<ProductCard>(p => p
            .Add(c => c.Product, new ProductSummary(1, "Alpine Tee", "alpine-tee", "Northwind", "t-shirts", 2499, "USD", true))
            .Add(c => c.Index, index));

        var img = cut.Find("img");
        Assert.Equal((loading, priority), (img.GetAttribute("loading"), img.GetAttribute("fetchpriority")));
    }

    [Fact]
    public void Render_WithAnUploadedJpeg_OffersWebpAndJpegCopiesBySizeLazily()
    {
        var hash = new string('a', 32);
        var image = new ProductPicture(hash, ImageFormat.Jpeg, 1200, 900, [320, 640, 1024], "");
        var cut = Render<ProductCard>(p => p.Add(c => c.Product, new ProductSummary(1, "Alpine Tee", "alpine-tee", "Northwind", "t-shirts", 2499, "USD", true) { Image = image }));

        var source = cut.Find("picture source");
        Assert.Equal(("image/webp", $"/media/{hash}-320.webp 320w, /media/{hash}-640.webp 640w, /media/{hash}-1024.webp 1024w"), (source.GetAttribute("type"), source.GetAttribute("srcset")));
        var img = cut.Find("picture img");
        Assert.Equal($"/media/{hash}-640.jpg", img.GetAttribute("src"));
        Assert.StartsWith($"/media/{hash}-320.jpg 320w", img.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Equal(("1024", "768", "lazy", "async", ""), (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("loading"), img.GetAttribute("decoding"), img.GetAttribute("alt")));
        Assert.Equal(source.GetAttribute("sizes"), img.GetAttribute("sizes"));
        Assert.Null(img.GetAttribute("fetchpriority"));
    }

    [Fact]
    public void Render_WhenNothingIsInStock_SaysSoldOut()
    {
        var cut = Render<ProductCard>(p => p.Add(c => c.Product, new ProductSummary(1, "Alpine Tee", "alpine-tee", "Northwind", "t-shirts", 2499, "USD", false)));
        Assert.Equal("Sold out", cut.Find(".badge").TextContent);
    }
}
