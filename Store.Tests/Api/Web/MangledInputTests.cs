using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Store.Tests.Support;

namespace Store.Tests.Api.Web;

/// <summary>Mangled URLs and values get a 400 or a sensible page, never a 500.</summary>
public class MangledInputTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Theory]
    [InlineData("/c/jackets?page=abc")]
    [InlineData("/c/jackets?page=-3")]
    [InlineData("/search?q=jacket&page=abc")]
    [InlineData("/search?q=jacket&page=99999999999")]
    public async Task Page_WithAnUnreadablePageNumber_ShowsTheFirstPage(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"product-grid\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/c/jackets?a.material=%00")]
    [InlineData("/search?q=%00")]
    [InlineData("/search?q=jacket&brand=a%00b")]
    public async Task Page_WithANulCharacterInTheQuery_Answers400(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithANulCharacterInTheQuery_Answers400ProblemDetails()
    {
        var response = await app.CreateClient().GetAsync("/api/products?q=%00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_WithANulCharacterInAJsonString_Answers400ProblemDetails()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var product = await client.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 1 })).StatusCode);

        var response = await client.PostAsJsonAsync("/api/cart/code", new { code = "WELCOME\u000010" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
