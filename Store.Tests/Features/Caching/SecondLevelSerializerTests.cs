using System.Text;
using System.Text.Json;
using Store.Domain.Catalog;
using Store.Infrastructure.Caching;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Search;

namespace Store.Tests.Features.Caching;

public class SecondLevelSerializerTests
{
    private static readonly DateTimeOffset Expires = new(2026, 12, 3, 14, 0, 10, TimeSpan.Zero);

    private static readonly CategorySummary Category = new(4, "Jackets", "jackets", "Warm ones") { ParentId = 1, Depth = 1, Path = "Clothing › Jackets" };

    private static readonly ProductPicture Picture = new("ab12cd", ImageFormat.Jpeg, 1200, 900, [320, 640, 1200], "A green jacket");

    [Fact]
    public void RoundTrip_WhenTheProductHasPicturesTheApiHides_KeepsThemAndEveryOtherValue()
    {
        var product = new ProductDetail(7, "Field Jacket", "field-jacket", "Waxed cotton", "Northwind", Category, "USD",
            [new VariantDetail(70, "FJ-M", "M / Green", "M", "Green", 12900, 3) { WasMinor = 15900, PriceNote = "Sale −20 %" }])
        {
            Images = [Picture],
            AllowBackorders = true,
            Breadcrumbs = [Category],
            SeoTitle = "Field Jacket | Store",
        };

        Assert.True(SecondLevelSerializer.TryDeserialize<ProductDetail?>(SecondLevelSerializer.Serialize<ProductDetail?>(product, Expires), out var back, out var expires));

        Assert.Equal(Expires, expires);
        Assert.NotNull(back);
        Assert.Equal(Picture.Hash, Assert.Single(back.Images).Hash);
        Assert.Equal(Picture.Widths, back.Images[0].Widths);
        Assert.Equal(product.ImageUrl, back.ImageUrl);
        Assert.Equal(product.HeadlineVariant?.Id, back.HeadlineVariant?.Id);
        Assert.Equal(JsonSerializer.Serialize(product), JsonSerializer.Serialize(back));
    }

    [Fact]
    public void RoundTrip_WhenASearchResultHasCardsAndFacets_KeepsTheCardsPicturesAndTheFacets()
    {
        var card = new ProductSummary(7, "Field Jacket", "field-jacket", "Northwind", "jackets", 12900, "USD", true) { Image = Picture, WasMinor = 15900 };
        var result = new SearchResult([card], 41, 2, 20, [new SearchFacet("brand", [new FacetValue("northwind", "Northwind", 12)]) { Label = "Brand" }], "jacket")
        {
            CappedAt = 1000,
        };

        Assert.True(SecondLevelSerializer.TryDeserialize<SearchResult>(SecondLevelSerializer.Serialize(result, Expires), out var back, out _));

        Assert.NotNull(back);
        Assert.Equal(JsonSerializer.Serialize(card), JsonSerializer.Serialize(Assert.Single(back.Items)));
        Assert.Equal(Picture.Hash, back.Items[0].Image?.Hash);
        Assert.Equal("Brand", Assert.Single(back.Facets).Label);
        Assert.Equal(12, back.Facet("brand").Values.Single().Count);
        Assert.Equal((41, 3, 1000, "jacket"), (back.Total, back.TotalPages, back.CappedAt!.Value, back.DidYouMean));
    }

    [Fact]
    public void RoundTrip_WhenTheCachedValueIsNull_IsFoundAsNull()
    {
        Assert.True(SecondLevelSerializer.TryDeserialize<ProductDetail?>(SecondLevelSerializer.Serialize<ProductDetail?>(null, Expires), out var back, out _));
        Assert.Null(back);
    }

    [Fact]
    public void TryDeserialize_WhenTheEntryIsNotOfThatType_IsNotFound()
    {
        var synonyms = SecondLevelSerializer.Serialize<IReadOnlyDictionary<string, IReadOnlyList<string>>>(
            new Dictionary<string, IReadOnlyList<string>> { ["tee"] = ["t-shirt"] }, Expires);

        Assert.False(SecondLevelSerializer.TryDeserialize<ProductListPage>(synonyms, out _, out _));
        Assert.False(SecondLevelSerializer.TryDeserialize<ProductListPage>(Encoding.UTF8.GetBytes("{}"), out _, out _));
        Assert.False(SecondLevelSerializer.TryDeserialize<ProductListPage>([1, 2], out _, out _));
    }
}
