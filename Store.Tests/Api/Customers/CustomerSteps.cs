using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Tests.Api.Identity;
using Store.Tests.Support;
using static Store.Tests.Api.Identity.AccountApiFixture;

namespace Store.Tests.Api.Customers;

/// <summary>What the customer tests do again and again over HTTP: buy as an app, pay on the hosted page, look in the tables.</summary>
public static class CustomerSteps
{
    public static object Address(string email, string name = "Ada Buyer", string line1 = "1 Main St") =>
        new { email, name, line1, city = "Austin", region = "TX", postalCode = "78701", country = "US" };

    /// <summary>Adds one in-stock unit to the token's cart.</summary>
    public static async Task AddToCartAsync(HttpClient client, string accessToken)
    {
        var product = await client.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
        var added = await client.SendAsync(WithToken(HttpMethod.Post, "/api/cart/add", accessToken, new { variantId = variant, quantity = 1 }));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
    }

    /// <summary>Places an order for the cart (one unit added first) and pays it on the hosted page; returns the order's id.</summary>
    public static async Task<Guid> BuyAsync(AccountApiFixture fixture, HttpClient client, string accessToken, object body, WebApplicationFactory<Program>? app = null)
    {
        await AddToCartAsync(client, accessToken);
        var placed = await client.SendAsync(WithToken(HttpMethod.Post, "/api/orders", accessToken, body));
        Assert.True(placed.StatusCode == HttpStatusCode.Created, $"POST /api/orders answered {(int)placed.StatusCode}: {await placed.Content.ReadAsStringAsync()}");
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
        var payment = await client.SendAsync(WithToken(HttpMethod.Post, "/api/payments", accessToken, new { orderId }));
        var redirect = (await payment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirectUrl").GetString()!;
        var paid = await HttpForms.SubmitAsync(fixture.Browser(app), redirect, "pay", new Dictionary<string, string>
        {
            ["Input.Number"] = "4242424242424242",
            ["Input.Expiry"] = "12/30",
            ["Input.Cvc"] = "123",
        });
        Assert.EndsWith($"/orders/{orderId}/confirmation", paid.Headers.Location?.OriginalString);
        return orderId;
    }

    /// <summary>Posts a plain form of <paramref name="pageUrl"/> to another address (an endpoint, not the page), with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string pageUrl, string action, IDictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(pageUrl);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(token.Success, $"No antiforgery token on {pageUrl}");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await browser.PostAsync(action, new FormUrlEncodedContent(body));
    }

    /// <summary>Runs a query against the app's database, for the assertions that look in the tables themselves.</summary>
    public static async Task<T> QueryAsync<T>(WebApplicationFactory<Program> app, Func<StoreDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StoreDbContext>());
    }

    /// <summary>How many rows of <paramref name="table"/> hold <paramref name="text"/> anywhere (every column, as text, any case).</summary>
    public static Task<int> RowsMentioningAsync(WebApplicationFactory<Program> app, string table, string text)
    {
        // The table names come from the tests' own constant list, never from input.
        var sql = "SELECT count(*)::int AS \"Value\" FROM " + table + " t WHERE strpos(lower(t::text), lower(@p0)) > 0";
        return QueryAsync(app, db => db.Database.SqlQueryRaw<int>(sql, new Npgsql.NpgsqlParameter("p0", text)).SingleAsync());
    }
}
