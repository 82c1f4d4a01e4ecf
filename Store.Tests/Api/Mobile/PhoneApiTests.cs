using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Ordering;
using Store.Tests.Api.Identity;
using static Store.Tests.Api.Identity.AccountApiFixture;

namespace Store.Tests.Api.Mobile;

/// <summary>The phone app's journey over HTTP with a bearer token and no cookie jar, as a native app's client has none.</summary>
public class PhoneApiTests(AccountApiFixture fixture) : IClassFixture<AccountApiFixture>
{
    private static readonly object Address = new { name = "Phone Buyer", line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" };

    [Fact]
    public async Task Journey_WhenTheAppSearchesBuysAndPaysByToken_ReadsThePaidOrderAndItsTracking()
    {
        var client = fixture.AppClient();
        const string email = "phone.journey@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var tokens = await LoginAsync(client, email);

        var search = await client.GetFromJsonAsync<JsonElement>("/api/search?q=tee&pageSize=5");
        var suggestions = await client.GetFromJsonAsync<JsonElement>("/api/search/suggest?q=alp");
        var product = await client.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee");
        var recommendations = await client.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee/recommendations");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
        var added = await client.SendAsync(WithToken(HttpMethod.Post, "/api/cart/add", tokens.AccessToken, new { variantId = variant, quantity = 1 }));
        var quoted = await client.SendAsync(WithToken(HttpMethod.Get, "/api/cart?country=US&region=TX&postalCode=78701", tokens.AccessToken));
        var profile = await client.SendAsync(WithToken(HttpMethod.Get, "/api/account/manage/info", tokens.AccessToken));
        var saved = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/addresses", tokens.AccessToken, Address));
        var savedId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var placed = await client.SendAsync(WithToken(HttpMethod.Post, "/api/orders", tokens.AccessToken, new { email, savedAddressId = savedId }));
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
        var started = await client.SendAsync(WithToken(HttpMethod.Post, "/api/payments", tokens.AccessToken, new { orderId }));
        var paymentId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var paid = await client.SendAsync(WithToken(HttpMethod.Post, $"/api/payments/{paymentId}/test-card", tokens.AccessToken, new { number = "4242424242424242", expiry = "12/30", cvc = "123" }));
        var payment = await client.GetFromJsonAsync<JsonElement>($"/api/payments/{paymentId}");
        var history = await client.SendAsync(WithToken(HttpMethod.Get, "/api/orders", tokens.AccessToken));
        var notShipped = await client.SendAsync(WithToken(HttpMethod.Get, $"/api/orders/{orderId}/tracking", tokens.AccessToken));
        await ShipAsync(orderId);
        var tracking = await client.SendAsync(WithToken(HttpMethod.Get, $"/api/orders/{orderId}/tracking", tokens.AccessToken));
        var parcel = await tracking.Content.ReadFromJsonAsync<JsonElement>();
        var detail = await (await client.SendAsync(WithToken(HttpMethod.Get, $"/api/orders/{orderId}", tokens.AccessToken))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(search.GetProperty("total").GetInt32() > 0);
        Assert.Contains(search.GetProperty("facets").EnumerateArray(), f => f.GetProperty("name").GetString() == "brand");
        Assert.Contains(suggestions.EnumerateArray(), s => s.GetProperty("slug").GetString() == "alpine-tee");
        Assert.InRange(recommendations.GetProperty("boughtTogether").GetArrayLength() + recommendations.GetProperty("similar").GetArrayLength(), 1, 8);
        Assert.DoesNotContain(recommendations.GetProperty("similar").EnumerateArray(), p => p.GetProperty("slug").GetString() == "alpine-tee");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, quoted.StatusCode);
        Assert.Equal(email, (await profile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("Succeeded", payment.GetProperty("status").GetString());
        Assert.Equal("test", payment.GetProperty("provider").GetString());
        var order = Assert.Single((await history.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal(orderId, order.GetProperty("id").GetGuid());
        Assert.Equal("Paid", order.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, notShipped.StatusCode);
        Assert.Equal("order.not-shipped", (await notShipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, tracking.StatusCode);
        var number = parcel.GetProperty("trackingNumber").GetString();
        Assert.Equal(detail.GetProperty("trackingNumber").GetString(), number);
        Assert.Equal($"/track/{number}", parcel.GetProperty("trackingUrl").GetString());
        Assert.Equal("Shipped", detail.GetProperty("status").GetString());
        Assert.NotEmpty(parcel.GetProperty("events").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(parcel.GetProperty("trackingUrl").GetString())).StatusCode);
    }

    [Fact]
    public async Task Cart_WhenAGuestCartsAppSignsInWithAToken_TheLinesJoinTheAccountsCart()
    {
        var client = fixture.AppClient();
        const string email = "phone.merge@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var variant = await InStockVariantAsync(client, "alpine-tee");
        var guest = await client.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 2 });
        var guestCartId = guest.Headers.GetValues("X-Cart-Id").Single();
        var tokens = await LoginAsync(client, email);

        var first = WithToken(HttpMethod.Get, "/api/cart", tokens.AccessToken);
        first.Headers.Add("X-Cart-Id", guestCartId);
        var merged = await (await client.SendAsync(first)).Content.ReadFromJsonAsync<JsonElement>();
        var later = await (await client.SendAsync(WithToken(HttpMethod.Get, "/api/cart", tokens.AccessToken))).Content.ReadFromJsonAsync<JsonElement>();
        var again = WithToken(HttpMethod.Get, "/api/cart", tokens.AccessToken);
        again.Headers.Add("X-Cart-Id", guestCartId);
        var replayed = await (await client.SendAsync(again)).Content.ReadFromJsonAsync<JsonElement>();
        var anonymous = new HttpRequestMessage(HttpMethod.Get, "/api/cart");
        anonymous.Headers.Add("X-Cart-Id", guestCartId);
        var asGuest = await (await client.SendAsync(anonymous)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, guest.StatusCode);
        foreach (var cart in new[] { merged, later, replayed })
        {
            var line = Assert.Single(cart.GetProperty("lines").EnumerateArray());
            Assert.Equal(variant, line.GetProperty("variantId").GetInt32());
            Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        }

        Assert.Empty(asGuest.GetProperty("lines").EnumerateArray());
    }

    [Fact]
    public async Task Tracking_WhenTheOrderIsAnotherCustomers_Answers404()
    {
        var client = fixture.AppClient();
        await fixture.RegisterConfirmedAsync("phone.owner@example.com");
        await fixture.RegisterConfirmedAsync("phone.other@example.com");
        var owner = await LoginAsync(client, "phone.owner@example.com");
        var other = await LoginAsync(client, "phone.other@example.com");
        var variant = await InStockVariantAsync(client, "alpine-tee");
        await client.SendAsync(WithToken(HttpMethod.Post, "/api/cart/add", owner.AccessToken, new { variantId = variant, quantity = 1 }));
        var placed = await client.SendAsync(WithToken(HttpMethod.Post, "/api/orders", owner.AccessToken, new
        {
            email = "phone.owner@example.com",
            name = "Owner",
            line1 = "1 Main St",
            city = "Austin",
            region = "TX",
            postalCode = "78701",
            country = "US",
        }));
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();

        var theirs = await client.SendAsync(WithToken(HttpMethod.Get, $"/api/orders/{orderId}/tracking", other.AccessToken));
        var detail = await client.SendAsync(WithToken(HttpMethod.Get, $"/api/orders/{orderId}", other.AccessToken));

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal("application/problem+json", theirs.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
    }

    [Theory]
    [InlineData("4242", "12/30", "123")]
    [InlineData("4242424242424242", "13/30", "123")]
    [InlineData(null, null, null)]
    public async Task TestCard_WhenTheCardIsMalformed_Answers422AndThePaymentStaysPending(string? number, string? expiry, string? cvc)
    {
        var client = fixture.AppClient();
        var variant = await InStockVariantAsync(client, "alpine-tee");
        var cart = await client.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 1 });
        var placeRequest = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { email = "guest.card@example.com", name = "Guest", line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" }),
        };
        placeRequest.Headers.Add("X-Cart-Id", cart.Headers.GetValues("X-Cart-Id").Single());
        var orderId = (await (await client.SendAsync(placeRequest)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
        var paymentId = (await (await client.PostAsJsonAsync("/api/payments", new { orderId })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var refused = await client.PostAsJsonAsync($"/api/payments/{paymentId}/test-card", new { number, expiry, cvc });
        var payment = await client.GetFromJsonAsync<JsonElement>($"/api/payments/{paymentId}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Pending", payment.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TestCard_WhenThePaymentIsUnknown_Answers404ProblemDetails()
    {
        var response = await fixture.AppClient().PostAsJsonAsync($"/api/payments/{Guid.NewGuid()}/test-card", new { number = "4242424242424242", expiry = "12/30", cvc = "123" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("payment.unknown", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/api/products/no-such-product/recommendations", HttpStatusCode.NotFound)]
    [InlineData("/api/search?sort=cheapest", HttpStatusCode.BadRequest)]
    [InlineData("/api/search?pageSize=1000", HttpStatusCode.BadRequest)]
    [InlineData("/api/payments/8a1c2f2e-0000-4000-8000-000000000000", HttpStatusCode.NotFound)]
    public async Task PhoneRoutes_WhenAskedForNothingOrWithBadInput_AnswerProblemDetails(string url, HttpStatusCode expected)
    {
        var response = await fixture.AppClient().GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<int> InStockVariantAsync(HttpClient client, string slug)
    {
        var product = await client.GetFromJsonAsync<JsonElement>($"/api/products/{slug}");
        return product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
    }

    private async Task ShipAsync(Guid orderId)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<OrderAdminService>();
        Assert.True((await admin.StartFulfilmentAsync(orderId, "staff")).IsSuccess);
        Assert.True((await admin.ShipAsync(orderId, "staff")).IsSuccess);
    }
}
