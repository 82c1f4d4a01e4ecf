using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Api.Storefront;

/// <summary>
/// Home and category pages are kept for a few seconds for visitors without an account or a cart: each response still
/// carries a nonce of its own, a catalog change shows at once, and a shopper with a cart never gets the shared page.
/// </summary>
public partial class AnonymousPageCacheTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/c/jackets")]
    public async Task Page_WhenServedAgainFromTheCache_CarriesAFreshNonceMatchingItsOwnPolicy(string url)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var first = await client.GetAsync(url);
        var second = await client.GetAsync(url);

        var nonces = new List<string>();
        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var nonce = Nonce().Match(response.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value;
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
            nonces.Add(nonce);
        }

        Assert.NotEqual(nonces[0], nonces[1]);
        // The shared copy carries no visitor's antiforgery token: neither its cookie nor the component state bound to it.
        Assert.False(second.Headers.Contains("Set-Cookie"));
        var shared = await second.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Component-State:", shared, StringComparison.Ordinal);
        Assert.Equal(ComponentState().Replace(await first.Content.ReadAsStringAsync(), ""), shared.Replace(nonces[1], nonces[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task CategoryPage_WhenTheCatalogChanges_ShowsTheChangeAtOnce()
    {
        var client = app.CreateClient();
        Assert.DoesNotContain("Packed for the monsoon", await client.GetStringAsync("/c/bags"), StringComparison.Ordinal);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE categories SET description = 'Packed for the monsoon.' WHERE slug = 'bags'");
            scope.ServiceProvider.GetRequiredService<CatalogCache>().Invalidate();
        }

        Assert.Contains("Packed for the monsoon", await client.GetStringAsync("/c/bags"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CategoryPage_WhenTheShopperHasACart_ShowsTheirCountNotTheSharedPage()
    {
        var anonymous = app.CreateClient();
        Assert.Contains("<span data-testid=\"cart-count\">0</span>", await anonymous.GetStringAsync("/c/footwear"), StringComparison.Ordinal);
        var shopper = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var variant = await VariantInStockAsync(shopper);
        Assert.Equal(HttpStatusCode.OK, (await shopper.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 2 })).StatusCode);

        var html = await shopper.GetStringAsync("/c/footwear");

        Assert.Contains("<span data-testid=\"cart-count\">2</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span data-testid=\"cart-count\">0</span>", await anonymous.GetStringAsync("/c/footwear"), StringComparison.Ordinal);
    }

    private static async Task<int> VariantInStockAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/products?limit=20");
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/products/{item.GetProperty("slug").GetString()}");
            foreach (var v in detail.GetProperty("variants").EnumerateArray().Where(v => v.GetProperty("available").GetInt32() > 1))
            {
                return v.GetProperty("id").GetInt32();
            }
        }

        throw new InvalidOperationException("No variant of the first 20 products has two units in stock.");
    }

    [GeneratedRegex("<!--Blazor-[A-Za-z]+-Component-State:[^>]*-->")]
    private static partial Regex ComponentState();

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
