using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Store.Tests.Support;
using Xunit.Abstractions;

namespace Store.Tests.Api.Hosting;

/// <summary>
/// PostgreSQL restarted under checkout load, and stopped outright, on a cluster of the test's own. Shoppers act as
/// the mobile app should: a 503 is retried after a moment with the same Idempotency-Key.
/// </summary>
public sealed partial class DatabaseRestartTests(ThrowawayStoreApp app, ITestOutputHelper output) : IClassFixture<ThrowawayStoreApp>
{
    private const int Shoppers = 6;
    private static readonly object Address = new { email = "restart@example.com", name = "Re Start", line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" };

    private readonly ConcurrentBag<(string Step, HttpStatusCode Status)> answers = [];
    private readonly ConcurrentBag<(Guid Cart, Guid Order)> placed = [];
    private readonly ConcurrentBag<Guid> paid = [];

    [Fact]
    public async Task Checkout_WhenPostgresRestartsUnderLoad_NothingAnswers500AndNoOrderIsLostOrDoubled()
    {
        var variants = await StockedVariantsAsync();
        using var stop = new CancellationTokenSource();
        var shoppers = Enumerable.Range(0, Shoppers).Select(i => ShopAsync(variants[i % variants.Count], stop.Token)).ToList();

        // Restart only once every shopper is in its stride, so requests are in flight when the connections drop.
        var warmUp = Stopwatch.StartNew();
        while (paid.Count < 2 * Shoppers && warmUp.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        var ordersBefore = placed.Count;
        await app.Postgres.RestartServerAsync();
        var servedAgainAfter = await ServedAgainAsync($"/api/products?q=restart{Guid.NewGuid():N}");
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await Task.WhenAll(shoppers);

        var statuses = answers.GroupBy(a => $"{a.Step} {(int)a.Status}").OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine($"orders before the restart {ordersBefore}, after the load {placed.Count}, paid {paid.Count}; served again {servedAgainAfter.TotalSeconds:0.0} s after the restart");
        output.WriteLine(string.Join(Environment.NewLine, statuses));
        Assert.DoesNotContain(answers, a => (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable);
        Assert.True(servedAgainAfter < TimeSpan.FromSeconds(10), $"served again only {servedAgainAfter.TotalSeconds:0.0} s after the restart");
        Assert.True(placed.Count > ordersBefore, "no order was placed after the restart");

        await using var connection = new NpgsqlConnection(app.Postgres.ConnectionStringFor("store") + ";Pooling=false");
        await connection.OpenAsync();
        foreach (var (cart, order) in placed)
        {
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM orders WHERE cart_id = @p", cart));
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM orders WHERE id = @p", order));
        }

        foreach (var order in paid)
        {
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM payments WHERE order_id = @p AND status = 'Succeeded'", order));
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM orders WHERE id = @p AND status = 'Paid'", order));
        }

        await using var oversold = new NpgsqlCommand("SELECT count(*) FROM inventory WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand", connection);
        Assert.Equal(0L, (long)(await oversold.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Pages_WhenPostgresIsStopped_Answer503AndServeAgainOnceItIsBack()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);

        await app.Postgres.StopServerAsync();
        try
        {
            var ready = await client.GetAsync("/healthz/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

            var search = await client.GetAsync($"/search?q=stopped{Guid.NewGuid():N}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, search.StatusCode);
            Assert.NotNull(search.Headers.RetryAfter);
            Assert.Contains("We'll be right back", await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var api = await client.GetAsync($"/api/products?q=stopped{Guid.NewGuid():N}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(api.Headers.RetryAfter);
        }
        finally
        {
            await app.Postgres.StartServerAsync();
        }

        var servedAgainAfter = await ServedAgainAsync($"/search?q=back{Guid.NewGuid():N}");
        Assert.True(servedAgainAfter < TimeSpan.FromSeconds(10), $"served again only {servedAgainAfter.TotalSeconds:0.0} s after the start");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
    }

    /// <summary>How long after now an uncached request is answered 200 again.</summary>
    private async Task<TimeSpan> ServedAgainAsync(string url)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var response = await client.GetAsync(url);
            answers.Add(("probe", response.StatusCode));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    /// <summary>One shopper: cart, order, payment, card, again and again, retrying a 503 with the same key.</summary>
    private async Task ShopAsync(int variantId, CancellationToken stop)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        while (!stop.IsCancellationRequested)
        {
            var added = await SendAsync(client, "cart", () => new HttpRequestMessage(HttpMethod.Post, "/api/cart/add") { Content = JsonContent.Create(new { variantId, quantity = 1 }) });
            var cart = Guid.Parse(added.Headers.GetValues("X-Cart-Id").Single());

            var orderKey = Guid.NewGuid().ToString();
            var order = await SendAsync(client, "order", () => Keyed(HttpMethod.Post, "/api/orders", Address, cart, orderKey));
            var orderId = (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
            placed.Add((cart, orderId));

            var paymentKey = Guid.NewGuid().ToString();
            var payment = await SendAsync(client, "payment", () => Keyed(HttpMethod.Post, "/api/payments", new { orderId }, cart, paymentKey));
            var redirect = (await payment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirectUrl").GetString()!;
            await PayAsync(client, redirect);
            paid.Add(orderId);
        }
    }

    /// <summary>The hosted payment page: its form and antiforgery cookie, then the card; a 503 starts over from the form.</summary>
    private async Task PayAsync(HttpClient client, string url)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var page = await client.GetAsync(url);
            answers.Add(("pay page", page.StatusCode));
            if (page.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(300);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            using var pay = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value),
                    ["_handler"] = "pay",
                    ["Input.Number"] = "4242424242424242",
                    ["Input.Expiry"] = "12/30",
                    ["Input.Cvc"] = "123",
                }),
            };
            pay.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
            var paidResponse = await client.SendAsync(pay);
            answers.Add(("pay", paidResponse.StatusCode));
            if (paidResponse.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found)
            {
                return;
            }

            Assert.True(paidResponse.StatusCode == HttpStatusCode.ServiceUnavailable, $"pay answered {(int)paidResponse.StatusCode}: {await paidResponse.Content.ReadAsStringAsync()}");
            await Task.Delay(300);
        }

        Assert.Fail($"{url} was never paid");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string step, Func<HttpRequestMessage> request)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var message = request();
            var response = await client.SendAsync(message);
            answers.Add((step, response.StatusCode));
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            // 503: the database is away; 409: the same key's first attempt is still finishing. Both: same request, later.
            Assert.True(
                response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict,
                $"{step} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(300);
        }

        throw new InvalidOperationException($"{step} never succeeded");
    }

    private static HttpRequestMessage Keyed(HttpMethod method, string url, object body, Guid cart, string key)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Cart-Id", cart.ToString());
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    /// <summary>In-stock variants with plenty more stock received (through the ledger), so stock never ends a shopper's run.</summary>
    private async Task<List<int>> StockedVariantsAsync()
    {
        await using var connection = new NpgsqlConnection(app.Postgres.ConnectionStringFor("store") + ";Pooling=false");
        await connection.OpenAsync();
        await using (var receive = new NpgsqlCommand(
            """
            INSERT INTO stock_movements (variant_id, location_id, kind, on_hand_delta, reserved_delta, actor, note, at)
              SELECT variant_id, location_id, 'Receipt', 10000, 0, 'test', 'Restart test stock', now() FROM inventory;
            UPDATE inventory SET on_hand = on_hand + 10000;
            """,
            connection))
        {
            await receive.ExecuteNonQueryAsync();
        }

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var products = await client.GetFromJsonAsync<JsonElement>("/api/products?limit=12");
        var variants = new List<int>();
        foreach (var item in products.GetProperty("items").EnumerateArray())
        {
            var product = await client.GetFromJsonAsync<JsonElement>($"/api/products/{item.GetProperty("slug").GetString()}");
            variants.Add(product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32());
        }

        return variants;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, Guid value)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
