using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Store.Tests.Support;

namespace Store.Tests.Api.Search;

public class SearchApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Theory]
    [InlineData("/api/products?q=tee&sort=cheapest")]
    [InlineData("/api/products?q=tee&price=50-25")]
    [InlineData("/api/products?q=tee&price=abc")]
    [InlineData("/api/products?q=tee&instock=maybe")]
    [InlineData("/api/products?q=tee&page=0")]
    [InlineData("/api/products?q=tee&cursor=5")]
    public async Task GetProducts_WhenSearchValuesAreBad_Answers400ProblemDetails(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetProducts_WhenQueryIsMisspelt_ReturnsHoodiesFacetsAndDidYouMean()
    {
        var body = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/products?q=hoddie&sort=price-asc&pageSize=5&instock=1");

        Assert.Equal("hoodie", body.GetProperty("didYouMean").GetString());
        Assert.True(body.GetProperty("total").GetInt32() > 0);
        Assert.InRange(body.GetProperty("items").GetArrayLength(), 1, 5);
        Assert.Contains(body.GetProperty("facets").EnumerateArray(), f => f.GetProperty("name").GetString() == "brand");
    }

    [Fact]
    public async Task GetProducts_WhenSortIsBestSelling_SearchesWithThatSort()
    {
        var response = await app.CreateClient().GetAsync("/api/products?q=tee&sort=best-selling");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task CategoryPage_WhenSortedByBestSelling_MarksTheSortAndKeepsItInPageLinks()
    {
        var html = await app.CreateClient().GetStringAsync("/c/hoodies?sort=best-selling");

        Assert.Contains("<strong aria-current=\"true\">Best selling</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/c/hoodies?page=2&amp;sort=best-selling\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggest_ReturnsAtMostEightNames()
    {
        var names = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/products/suggest?q=tra");

        Assert.InRange(names.GetArrayLength(), 1, 8);
    }

    [Fact]
    public async Task SearchPage_WhenQueryIsMisspeltAndFiltered_RendersDidYouMeanAndPlainFacetLinks()
    {
        var html = await app.CreateClient().GetStringAsync("/search?q=hoddie&size=M&sort=price-asc");

        Assert.Contains("data-testid=\"did-you-mean\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?q=hoddie&amp;brand=", html, StringComparison.Ordinal);
        Assert.Contains("size=M", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"header-search\"", html, StringComparison.Ordinal);
    }
}
