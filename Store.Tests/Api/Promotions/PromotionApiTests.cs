using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Api.Promotions;

/// <summary>Discount codes through the cart API, POST /api/orders and the checkout page's form.</summary>
public class PromotionApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    private static readonly object Oregon = new { email = "or-promo@example.com", name = "O", line1 = "1 Test Street", city = "Portland", region = "OR", postalCode = "97201", country = "US" };

    [Fact]
    public async Task PostCode_WithWelcome10_ShowsTheNamedDiscountAndLowersTheTotal()
    {
        var client = await ClientWithCartAsync();
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/cart")).GetProperty("quote").GetProperty("totals").GetProperty("totalMinor").GetInt64();

        var response = await client.PostAsJsonAsync("/api/cart/code", new { code = "welcome10" });
        var cart = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("WELCOME10", Assert.Single(cart.GetProperty("codes").EnumerateArray()).GetString());
        var line = Assert.Single(cart.GetProperty("quote").GetProperty("discountLines").EnumerateArray());
        Assert.Equal("WELCOME10: Welcome 10 % off", line.GetProperty("label").GetString());
        Assert.Equal(before - line.GetProperty("amountMinor").GetInt64(), cart.GetProperty("quote").GetProperty("totals").GetProperty("totalMinor").GetInt64());
    }

    [Fact]
    public async Task PostCode_WhenUnknown_Answers422WithTheReasonAndKeepsNoCode()
    {
        var client = await ClientWithCartAsync();

        var response = await client.PostAsJsonAsync("/api/cart/code", new { code = "NOPE" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var cart = await client.GetFromJsonAsync<JsonElement>("/api/cart");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("promotion.code.unknown", problem.GetProperty("code").GetString());
        Assert.Equal("The code NOPE does not exist.", problem.GetProperty("title").GetString());
        Assert.Empty(cart.GetProperty("codes").EnumerateArray());
    }

    [Fact]
    public async Task DeleteCode_RemovesTheDiscount()
    {
        var client = await ClientWithCartAsync();
        await client.PostAsJsonAsync("/api/cart/code", new { code = "WELCOME10" });

        var response = await client.DeleteAsync("/api/cart/code/welcome10");
        var cart = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(cart.GetProperty("codes").EnumerateArray());
        Assert.Empty(cart.GetProperty("quote").GetProperty("discountLines").EnumerateArray());
    }

    [Fact]
    public async Task PlaceOrder_WithCodes_ChargesTheDiscountedQuoteAndKeepsTheDiscountOnTheItem()
    {
        var client = await ClientWithCartAsync();
        await client.PostAsJsonAsync("/api/cart/code", new { code = "WELCOME10" });
        var quote = (await client.GetFromJsonAsync<JsonElement>("/api/cart?country=US&region=OR&postalCode=97201")).GetProperty("quote");
        await client.DeleteAsync("/api/cart/code/WELCOME10");

        var placed = await client.PostAsJsonAsync("/api/orders", new { email = "coded@example.com", name = "O", line1 = "1 Test Street", city = "Portland", region = "OR", postalCode = "97201", country = "US", codes = new[] { "WELCOME10" } });
        var order = await client.GetFromJsonAsync<JsonElement>($"/api/orders/{(await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid()}");

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(quote.GetProperty("totals").GetProperty("totalMinor").GetInt64(), order.GetProperty("totalMinor").GetInt64());
        var item = Assert.Single(order.GetProperty("items").EnumerateArray());
        Assert.Equal(quote.GetProperty("discountMinor").GetInt64(), item.GetProperty("discountMinor").GetInt64());
        Assert.Equal("WELCOME10: Welcome 10 % off", Assert.Single(order.GetProperty("promotions").EnumerateArray()).GetProperty("label").GetString());
    }

    [Fact]
    public async Task PlaceOrder_WithAnUnknownCode_Answers422AndPlacesNothing()
    {
        var client = await ClientWithCartAsync();

        var response = await client.PostAsJsonAsync("/api/orders", new { email = "bad-code@example.com", name = "O", line1 = "1 Test Street", city = "Portland", region = "OR", postalCode = "97201", country = "US", codes = new[] { "BOGUS" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Orders.AnyAsync(o => o.Email == "bad-code@example.com"));
    }

    [Fact]
    public async Task CheckoutPage_ApplyingACode_KeepsTheAddressAndShowsTheDiscountLine()
    {
        var client = await ClientWithCartAsync();

        var response = await HttpForms.SubmitAsync(client, "/checkout", "checkout", new Dictionary<string, string>
        {
            ["Input.Email"] = "page@example.com",
            ["Input.Name"] = "Page Shopper",
            ["Input.Line1"] = "1 Test Street",
            ["Input.City"] = "Austin",
            ["Input.Region"] = "TX",
            ["Input.PostalCode"] = "78701",
            ["Input.Country"] = "US",
            ["Input.Code"] = "welcome10",
            ["Input.Action"] = "apply-code",
        });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Code WELCOME10 applied.", page);
        Assert.Contains("WELCOME10: Welcome 10 % off", page);
        Assert.Contains("Texas sales tax", page);
        Assert.Contains("value=\"78701\"", page);
    }

    [Fact]
    public async Task CheckoutPage_WithAnExpiredOrUnknownCode_SaysSoInTheForm()
    {
        var client = await ClientWithCartAsync();

        var response = await HttpForms.SubmitAsync(client, "/checkout", "checkout", new Dictionary<string, string>
        {
            ["Input.Country"] = "US",
            ["Input.Code"] = "NOTACODE",
            ["Input.Action"] = "apply-code",
        });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The code NOTACODE does not exist.", page);
        Assert.DoesNotContain("data-testid=\"applied-code\"", page);
    }

    [Fact]
    public async Task CartPage_ApplyingThenRemovingACode_ShowsAndDropsTheDiscountLine()
    {
        var client = await ClientWithCartAsync();

        var applied = await (await HttpForms.SubmitAsync(client, "/cart", "cart", new Dictionary<string, string> { ["Input.Code"] = "WELCOME10", ["Input.Action"] = "apply-code" })).Content.ReadAsStringAsync();
        var removed = await (await HttpForms.SubmitAsync(client, "/cart", "cart", new Dictionary<string, string> { ["Input.RemoveCode"] = "WELCOME10" })).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"discount-line\">WELCOME10: Welcome 10 % off", applied);
        Assert.Contains("Code removed.", removed);
        Assert.DoesNotContain("data-testid=\"discount-line\"", removed);
    }

    [Theory]
    [InlineData("/admin/promotions")]
    [InlineData("/admin/promotions/new")]
    public async Task PromotionAdminPages_WhenAnonymous_RedirectToSignIn_AndServeTheAdmin(string url)
    {
        var anonymous = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(url);
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(admin, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var served = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("_framework/blazor.web.js", await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientWithCartAsync()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var product = await client.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 1 })).StatusCode);
        return client;
    }
}
