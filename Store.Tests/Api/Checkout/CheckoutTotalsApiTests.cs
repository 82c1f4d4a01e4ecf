using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Api.Checkout;

/// <summary>The cart API, the checkout page and POST /api/orders quote and charge through the one totals path.</summary>
public class CheckoutTotalsApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    private static readonly object California = new { email = "ca@example.com", name = "Cal Buyer", line1 = "1 Sunset Blvd", city = "Los Angeles", region = "CA", postalCode = "90001", country = "US" };

    [Fact]
    public async Task GetCart_WithAnAddress_QuotesExactlyWhatPlacingTheOrderCharges()
    {
        var client = await ClientWithCartAsync();

        var quote = (await client.GetFromJsonAsync<JsonElement>("/api/cart?country=US&region=CA&postalCode=90001")).GetProperty("quote");
        var placed = await client.PostAsJsonAsync("/api/orders", California);
        var order = await client.GetFromJsonAsync<JsonElement>($"/api/orders/{(await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid()}");

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.False(quote.GetProperty("isEstimate").GetBoolean());
        Assert.True(quote.GetProperty("totals").GetProperty("taxMinor").GetInt64() > 0, "California charges sales tax.");
        foreach (var field in new[] { "subtotalMinor", "shippingMinor", "taxMinor", "totalMinor" })
        {
            Assert.Equal(quote.GetProperty("totals").GetProperty(field).GetInt64(), order.GetProperty(field).GetInt64());
        }
    }

    [Fact]
    public async Task PlaceOrder_WhenNothingShipsToTheAddress_Answers422()
    {
        var client = await ClientWithCartAsync();

        var response = await client.PostAsJsonAsync("/api/orders", new { email = "jp@example.com", name = "J", line1 = "1-1 Chiyoda", city = "Tokyo", postalCode = "100-0001", country = "JP" });
        var cart = await client.GetAsync("/api/cart?country=JP&postalCode=100-0001");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("shipping.zone", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cart.StatusCode);
    }

    [Fact]
    public async Task PlaceOrder_WithAShippingMethodId_ChargesThatMethod()
    {
        var client = await ClientWithCartAsync();

        var placed = await client.PostAsJsonAsync("/api/orders", new { email = "or@example.com", name = "O", line1 = "1 Test Street", city = "Portland", region = "OR", postalCode = "97201", country = "US", shippingMethodId = "ups-2day" });
        var order = await client.GetFromJsonAsync<JsonElement>($"/api/orders/{(await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid()}");

        Assert.Equal(1999, order.GetProperty("shippingMinor").GetInt64());
        Assert.Equal(0, order.GetProperty("taxMinor").GetInt64());
    }

    [Fact]
    public async Task CheckoutPage_WhenTheAddressBecomesGerman_ShowsDhlAndVatAndWaitsForTheShopper()
    {
        var client = await ClientWithCartAsync();

        var response = await HttpForms.SubmitAsync(client, "/checkout", "checkout", new Dictionary<string, string>
        {
            ["Input.Email"] = "de@example.com",
            ["Input.Name"] = "D",
            ["Input.Line1"] = "Unter den Linden 1",
            ["Input.City"] = "Berlin",
            ["Input.PostalCode"] = "10115",
            ["Input.Country"] = "DE",
            ["Input.ShippingMethodId"] = "usps-ground",
            ["Input.Action"] = "place",
        });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("DHL Express International", page);
        Assert.Contains("VAT Germany 19 %", page);
        Assert.Contains("does not deliver to this address", page);
        Assert.DoesNotContain("USPS Ground Advantage", page);
        Assert.Matches("<input[^>]*name=\"Input.ShippingMethodId\"[^>]*value=\"dhl-intl\"[^>]*checked|<input[^>]*checked[^>]*value=\"dhl-intl\"", page.Replace("checked=\"checked\"", "checked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckoutPage_ToOregonWithTheDefaultMethod_ChargesTheCartsEstimatedTotal()
    {
        var client = await ClientWithCartAsync();
        var estimate = (await client.GetFromJsonAsync<JsonElement>("/api/cart")).GetProperty("quote");

        var response = await HttpForms.SubmitAsync(client, "/checkout", "checkout", new Dictionary<string, string>
        {
            ["Input.Email"] = "portland@example.com",
            ["Input.Name"] = "Ada Shopper",
            ["Input.Line1"] = "1 Test Street",
            ["Input.City"] = "Portland",
            ["Input.Region"] = "OR",
            ["Input.PostalCode"] = "97201",
            ["Input.Country"] = "US",
            ["Input.ShippingMethodId"] = estimate.GetProperty("shipping").GetProperty("methodId").GetString()!,
            ["Input.Action"] = "place",
        });
        using var scope = app.Services.CreateScope();
        var charged = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Orders.Where(o => o.Email == "portland@example.com").Select(o => o.TotalMinor).ToListAsync();

        Assert.True(estimate.GetProperty("isEstimate").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(estimate.GetProperty("totals").GetProperty("totalMinor").GetInt64(), Assert.Single(charged));
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
