using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Catalog;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Api.Search;

public class SearchAttributeApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task GetProducts_WhenFilteredByAnAttribute_ReturnsOnlyMatchingProductsAndTheAttributesFacets()
    {
        var waterproof = await SeedAsync();

        var body = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/products?q=hoodie&a.waterproof=true&a.material=fleece&a.material=terry");

        var ids = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).Order().ToList();
        Assert.Equal(waterproof.Order(), ids);
        Assert.Equal(waterproof.Count, body.GetProperty("total").GetInt32());
        var facet = body.GetProperty("facets").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "a.waterproof");
        Assert.Equal("Waterproof", facet.GetProperty("label").GetString());
        Assert.Equal(["No", "Yes"], facet.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("label").GetString()));
        Assert.Equal(2, facet.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("value").GetString() == "true").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task GetProducts_WhenOnlyAnAttributeFilterIsGiven_Searches()
    {
        var waterproof = await SeedAsync();

        var body = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/products?a.waterproof=true");

        Assert.Equal(waterproof.Count, body.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/products?a.Waterproof=true")]
    [InlineData("/api/products?a.material=wo%00ol")]
    [InlineData("/api/products?brand=No%00rthwind")]
    [InlineData("/api/products?q=tee&a.=x")]
    [InlineData("/api/products?q=tee&a.a=1&a.b=1&a.c=1&a.d=1&a.e=1&a.f=1&a.g=1&a.h=1&a.i=1&a.j=1&a.k=1")]
    public async Task GetProducts_WhenAnAttributeFilterIsBad_Answers400ProblemDetails(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/products?q=hood%00ie")]
    [InlineData("/api/products/suggest?q=hood%00")]
    [InlineData("/search?q=hood%00ie&brand=North%00wind&a.material=wo%00ol")]
    public async Task Search_WhenAValueHasANulCharacter_Answers400NotAServerError(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetProducts_WhenAnAttributeValueIsTooLong_Answers400ProblemDetails()
    {
        var response = await app.CreateClient().GetAsync($"/api/products?a.material={new string('x', AttributeValues.MaxLength + 1)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("a.material", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_WhenFilteredByAnAttribute_ShowsItsFacetAndOnlyMatchingProducts()
    {
        var waterproof = await SeedAsync();
        var slugs = await SlugsAsync(waterproof);
        var client = app.CreateClient();

        var all = await client.GetStringAsync("/search?q=hoodie");
        var filtered = await client.GetStringAsync("/search?q=hoodie&a.waterproof=true");

        Assert.Contains("<h2>Waterproof</h2>", all, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?q=hoodie&amp;a.waterproof=true\"", all, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"facet-a.material\"", all, StringComparison.Ordinal);
        Assert.Equal(slugs.Count, filtered.Split("data-testid=\"product-card\"").Length - 1);
        Assert.All(slugs, slug => Assert.Contains($"/p/{slug}\"", filtered, StringComparison.Ordinal));
        Assert.Contains("<a href=\"/search?q=hoodie\" class=\"selected\" aria-current=\"true\" rel=\"nofollow\">&#x2713; Yes", filtered, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?q=hoodie&amp;a.material=fleece&amp;a.waterproof=true\"", filtered, StringComparison.Ordinal);
    }

    /// <summary>Waterproof: yes on two hoodies, no on a third; material on every hoodie. Returns the waterproof ones.</summary>
    private async Task<List<int>> SeedAsync()
    {
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var hoodies = await context.Products.Where(p => p.Category!.Slug == "hoodies" && p.Name.EndsWith(" Hoodie")).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        if (!await context.AttributeDefinitions.AnyAsync(a => a.Code == "waterproof"))
        {
            var attributes = scope.ServiceProvider.GetRequiredService<AttributeService>();
            var waterproof = (await attributes.CreateAsync(null, "Waterproof", AttributeType.Bool, "test")).Value;
            var material = (await attributes.CreateAsync(null, "Material", AttributeType.Text, "test")).Value;
            for (var i = 0; i < hoodies.Count; i++)
            {
                var values = new Dictionary<int, string?> { [material] = i % 2 == 0 ? "fleece" : "terry", [waterproof] = i < 2 ? "yes" : i == 2 ? "no" : null };
                Assert.True((await attributes.SetForProductAsync(hoodies[i], values, "test")).IsSuccess);
            }
        }

        return hoodies[..2];
    }

    private async Task<List<string>> SlugsAsync(List<int> ids)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Products.Where(p => ids.Contains(p.Id)).Select(p => p.Slug).ToListAsync();
    }
}
