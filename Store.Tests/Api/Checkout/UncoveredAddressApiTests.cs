using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Store.Infrastructure.Checkout;
using Store.Tests.Support;

namespace Store.Tests.Api.Checkout;

public class UncoveredAddressApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task PlaceOrder_WhenTheOwnerRefusesUncoveredAddresses_Answers422WithTheReason()
    {
        using var refusing = app.WithWebHostBuilder(b => b.UseSetting("Store:Tax:RefuseUncoveredAddresses", "true"));
        var client = refusing.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var product = await client.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 1 })).StatusCode);

        var refused = await client.PostAsJsonAsync("/api/orders", new { email = "pr@example.com", name = "Ana", line1 = "1 Calle Luna", city = "San Juan", region = "PR", postalCode = "00901", country = "US" });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var placed = await client.PostAsJsonAsync("/api/orders", new { email = "il@example.com", name = "Ilse", line1 = "1 State St", city = "Chicago", region = "IL", postalCode = "60601", country = "US" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(CheckoutTotalsService.UncoveredAddressCode, problem.GetProperty("code").GetString());
        Assert.Contains("no tax rate", problem.GetProperty("title").GetString());
        Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync());
    }
}
