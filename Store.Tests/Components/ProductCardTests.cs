using Bunit;
using Store.Infrastructure.Catalog;
using Store.Web.Components.Shared;

namespace Store.Tests.Components;

public class ProductCardTests : BunitContext
{
    [Fact]
    public void Render_ShowsNameBrandPriceAndLinksToTheProduct()
    {
        var cut = Render<ProductCard>(p => p.Add(c => c.Product, new ProductSummary(1, "Alpine Tee", "alpine-tee", "Northwind", "t-shirts", 2499, "USD", true)));

        Assert.Equal("Alpine Tee", cut.Find("h3").TextContent);
        Assert.Equal("/p/alpine-tee", cut.Find("a").GetAttribute("href"));
        Assert.Contains("$24.99", cut.Find(".price").TextContent);
        Assert.Equal("lazy", cut.Find("img").GetAttribute("loading"));
        Assert.Empty(cut.FindAll(".badge"));
    }

    [Fact]
    public void Render_WhenNothingIsInStock_SaysSoldOut()
    {
        var cut = Render<ProductCard>(p => p.Add(c => c.Product, new ProductSummary(1, "Alpine Tee", "alpine-tee", "Northwind", "t-shirts", 2499, "USD", false)));
        Assert.Equal("Sold out", cut.Find(".badge").TextContent);
    }
}
