using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Api;

public class IdempotencyTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    private static readonly object Address = new { email = "idem@example.com", name = "Idem Potent", line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" };

    [Fact]
    public async Task PlaceOrderAndStartPayment_WhenTheSameKeyIsSent20TimesConcurrently_MakeOneOrderAndOnePayment()
    {
        var cartId = await GuestCartAsync("alpine-tee");
        var orderKey = Guid.NewGuid().ToString();

        var orderResponses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Send(cartId, orderKey, "/api/orders", Address)));

        Assert.All(orderResponses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var orderIds = await Task.WhenAll(orderResponses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid()));
        var orderId = Assert.Single(orderIds.Distinct());
        Assert.Contains(orderResponses, r => r.Headers.Contains("Idempotent-Replayed"));

        var paymentKey = Guid.NewGuid().ToString();
        var paymentResponses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Send(cartId, paymentKey, "/api/payments", new { orderId })));
        Assert.All(paymentResponses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.CartId == cartId));
        Assert.Equal(1, await db.Payments.CountAsync(p => p.OrderId == orderId));
    }

    [Fact]
    public async Task PlaceOrder_WhenTheKeyIsReusedWithADifferentBody_Answers422()
    {
        var cartId = await GuestCartAsync("coastal-pocket-tee");
        var key = Guid.NewGuid().ToString();

        var first = await Send(cartId, key, "/api/orders", Address);
        var second = await Send(cartId, key, "/api/orders", new { email = "other@example.com", name = "Other", line1 = "2 Main St", city = "Austin", postalCode = "78701", country = "US" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
    }

    [Fact]
    public async Task PlaceOrder_WhenAFailureIsReplayed_GetsTheSameProblem()
    {
        var key = Guid.NewGuid().ToString();
        var emptyCart = Guid.NewGuid();

        var first = await Send(emptyCart, key, "/api/orders", Address);
        var replay = await Send(emptyCart, key, "/api/orders", Address);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
        var (original, replayed) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await replay.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(original.GetProperty("code").GetString(), replayed.GetProperty("code").GetString());
        Assert.Equal(original.GetProperty("title").GetString(), replayed.GetProperty("title").GetString());
    }

    [Fact]
    public async Task PlaceOrder_WhenTwoCartsUseTheSameKey_TreatsThemSeparately()
    {
        var key = Guid.NewGuid().ToString();
        var a = await Send(await GuestCartAsync("alpine-tee"), key, "/api/orders", Address);
        var b = await Send(await GuestCartAsync("alpine-tee"), key, "/api/orders", Address);

        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.NotEqual(
            (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid(),
            (await b.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid());
    }

    private async Task<Guid> GuestCartAsync(string slug)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var product = await client.GetFromJsonAsync<JsonElement>($"/api/products/{slug}");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
        var added = await client.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 1 });
        added.EnsureSuccessStatusCode();
        return Guid.Parse(added.Headers.GetValues("X-Cart-Id").Single());
    }

    private async Task<HttpResponseMessage> Send(Guid cartId, string key, string url, object body)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Cart-Id", cartId.ToString());
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}
