using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Pricing;
using Store.Tests.Support;

namespace Store.Tests.Api.Catalog;

/// <summary>
/// The product page's headline, its badge, the option selected by default and the cart agree: the demo case of a
/// clearance held at the floor on one size while the other sizes sell at the regular price.
/// </summary>
public partial class ProductPagePriceTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task ProductPage_WhenOneSizeIsMarkedDownToItsFloor_HeadlinesSelectsAndCartsThatPriceWithTheRealReduction()
    {
        var (slug, markedDown, regular, floor) = await ArrangeAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Decoded as a browser reads it: Blazor writes "−" and "+" as character references.
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/p/{slug}"));

        var headline = HeadlinePattern().Match(html);
        Assert.True(headline.Success, "the page has a headline price");
        Assert.Contains(">From<", headline.Value, StringComparison.Ordinal);
        Assert.Contains(new Money(floor, "USD").ToString(), headline.Value, StringComparison.Ordinal);
        Assert.Contains(new Money(regular, "USD").ToString(), headline.Value, StringComparison.Ordinal);
        Assert.Contains("Sale −20 %", headline.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("25", headline.Value.Replace(new Money(regular, "USD").ToString(), "", StringComparison.Ordinal).Replace(new Money(floor, "USD").ToString(), "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal([markedDown.ToString()], CheckedPattern().Matches(html).Select(m => m.Groups["id"].Value));

        var added = await client.PostAsJsonAsync("/api/cart/add", new { variantId = markedDown, quantity = 1 });
        added.EnsureSuccessStatusCode();
        using var cart = JsonDocument.Parse(await added.Content.ReadAsStringAsync());
        var line = cart.RootElement.GetProperty("lines")[0];
        Assert.Equal((markedDown, floor), (line.GetProperty("variantId").GetInt32(), line.GetProperty("unitPriceMinor").GetInt64()));
    }

    [Fact]
    public async Task ProductPage_CarriesProductJsonLdWithAnOfferPerOptionAndOpenGraphTags()
    {
        var (slug, markedDown, _, floor) = await ArrangeAsync(skip: 1);
        var client = app.CreateClient();

        // Decoded as a browser reads it: Blazor writes "−" and "+" as character references.
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/p/{slug}"));

        var json = JsonLdPattern().Match(html);
        Assert.True(json.Success, "the page has JSON-LD");
        using var doc = JsonDocument.Parse(json.Groups["json"].Value);
        var product = doc.RootElement;
        Assert.Equal(("https://schema.org", "Product"), (product.GetProperty("@context").GetString(), product.GetProperty("@type").GetString()));
        Assert.Equal("Brand", product.GetProperty("brand").GetProperty("@type").GetString());
        Assert.StartsWith("http://localhost/", product.GetProperty("image")[0].GetString(), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var sku = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Variants.Where(v => v.Id == markedDown).Select(v => v.Sku).SingleAsync();
        Assert.Equal(sku, product.GetProperty("sku").GetString());
        var offer = product.GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("sku").GetString() == sku);
        Assert.Equal(("Offer", (floor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), "USD", "https://schema.org/InStock"),
            (offer.GetProperty("@type").GetString(), offer.GetProperty("price").GetString(), offer.GetProperty("priceCurrency").GetString(), offer.GetProperty("availability").GetString()));
        Assert.Contains("<meta property=\"og:type\" content=\"product\"", html, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:url\" content=\"http://localhost/p/{slug}\"", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:title\" content=\"", html, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"product:price:amount\" content=\"{(floor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"twitter:card\"", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// A product of three or more options, all in stock at the regular price but the third, which has a 25 % sale held
    /// at a floor of 80 %: 20 % off in fact.
    /// </summary>
    private async Task<(string Slug, int MarkedDown, long Regular, long Floor)> ArrangeAsync(int skip = 0)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var product = await db.Products.Where(p => p.IsPublished && p.Variants.Count() >= 3).OrderBy(p => p.Id).Skip(skip)
            .Select(p => new { p.Id, p.Slug, Variants = p.Variants.OrderBy(v => v.Id).Select(v => new { v.Id, v.PriceMinor }).ToList() })
            .FirstAsync();
        var ids = product.Variants.Select(v => v.Id).ToList();
        await db.Inventory.Where(i => ids.Contains(i.VariantId)).ExecuteUpdateAsync(u => u.SetProperty(i => i.OnHand, 20).SetProperty(i => i.Reserved, 0));
        var target = product.Variants[2];
        var floor = target.PriceMinor * 8 / 10;
        await db.Variants.Where(v => v.Id == target.Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.FloorPriceMinor, floor));
        var now = DateTimeOffset.UtcNow;
        db.SalePrices.Add(new StoredSalePrice(null, target.Id, "Sale", 25m, null, now.AddDays(-1), null, now));
        await db.SaveChangesAsync();
        return (product.Slug, target.Id, target.PriceMinor, floor);
    }

    [GeneratedRegex("<p class=\"big\" data-testid=\"product-price\">(?s:.*?)</p>")]
    private static partial Regex HeadlinePattern();

    [GeneratedRegex("<input type=\"radio\" id=\"v(?<id>[0-9]+)\"[^>]*\\schecked")]
    private static partial Regex CheckedPattern();

    [GeneratedRegex("<script type=\"application/ld\\+json\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdPattern();
}
