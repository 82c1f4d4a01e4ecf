using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Store.Tests.Support;
using Xunit.Abstractions;

namespace Store.Tests.Features.Cluster;

/// <summary>Two real instances behind haproxy: what one changes the other shows, shoppers move freely, a crash loses nothing.</summary>
public partial class TwoInstanceClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Balancer_OnTheApi_AlternatesInstancesAndOnPagesKeepsABrowserOnOne()
    {
        var apiNodes = await cluster.ApiNodesAsync(4);

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = cluster.Balancer };
        var pageNodes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var page = await browser.GetAsync("/");
            pageNodes.Add(page.Headers.GetValues("X-Store-Node").Single());
        }

        Assert.Equal(2, apiNodes.Distinct().Count());
        Assert.NotEqual(apiNodes[0], apiNodes[1]);
        Assert.Single(pageNodes.Distinct());
        Assert.Contains(cookies.GetCookies(cluster.Balancer).Cast<Cookie>(), c => c.Name == "STORE_NODE");
    }

    [Fact]
    public async Task ProductCreatedOnOneInstance_IsListedByTheOtherWithinOneSecond()
    {
        var (categoryId, categorySlug) = await CategoryAsync();
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = cluster.Instance(0) };
        await HttpForms.SignInAsync(admin, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);
        using var other = new HttpClient { BaseAddress = cluster.Instance(1) };
        var listing = $"/api/products?limit=100&category={categorySlug}";
        Assert.DoesNotContain("cluster-lantern", await other.GetStringAsync(listing), StringComparison.Ordinal);

        var created = await admin.PostAsJsonAsync("/api/products", new
        {
            name = "Cluster Lantern",
            categoryId,
            published = true,
            variants = new[] { new { sku = "CLUSTER-LANTERN-1", title = "One size", priceMinor = 4200, initialStock = 3 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var clock = Stopwatch.StartNew();
        while (!(await other.GetStringAsync(listing)).Contains("cluster-lantern", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the other instance never listed the new product");
            await Task.Delay(20);
        }

        output.WriteLine($"listed by the other instance after {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed <= TimeSpan.FromSeconds(1), $"the other instance listed it after {clock.ElapsedMilliseconds} ms (its cache keeps entries 10 s)");
    }

    [Fact]
    public async Task Shopper_WhenEveryRequestGoesToTheOtherInstance_RegistersSignsInFillsTheCartAndPays()
    {
        var cookies = new CookieContainer();
        var alternating = new AlternatingHandler([cluster.Instance(0), cluster.Instance(1)], new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        using var shopper = new HttpClient(alternating) { BaseAddress = cluster.Instance(0) };
        var email = $"alternating-{Guid.NewGuid():N}@example.com";

        // Each form's page comes from one instance and its post (with that page's antiforgery token) goes to the other.
        var registered = await HttpForms.SubmitAsync(shopper, "/account/register", "register", new Dictionary<string, string>
        {
            ["Input.Name"] = "Alex Alternating",
            ["Input.Email"] = email,
            ["Input.Password"] = "Alternating-Pass1",
        });
        Assert.True((int)registered.StatusCode is 302 or 303, $"registration answered {(int)registered.StatusCode}");
        var signedOut = await Api.Identity.StaffFlows.SignOutAsync(shopper);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        await HttpForms.SignInAsync(shopper, email, "Alternating-Pass1");

        var variantId = (await VariantsAsync(1)).Single();
        var added = await shopper.PostAsJsonAsync("/api/cart/add", new { variantId, quantity = 2 });
        Assert.True(added.IsSuccessStatusCode, $"add to cart answered {(int)added.StatusCode}");
        var cart = await shopper.GetFromJsonAsync<JsonElement>("/api/cart");
        Assert.Equal(2, cart.GetProperty("lines").EnumerateArray().Single().GetProperty("quantity").GetInt32());

        using var order = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(Address(email)) };
        order.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var placed = await shopper.SendAsync(order);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
        var payment = await shopper.PostAsJsonAsync("/api/payments", new { orderId });
        Assert.True(payment.IsSuccessStatusCode, $"starting the payment answered {(int)payment.StatusCode}");
        var redirect = (await payment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirectUrl").GetString()!;
        var paid = await HttpForms.SubmitAsync(shopper, new Uri(redirect, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(redirect).PathAndQuery : redirect, "pay", Card);
        Assert.True((int)paid.StatusCode is 302 or 303, $"paying answered {(int)paid.StatusCode}");
        var mine = await shopper.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");

        Assert.Contains(mine.GetProperty("status").GetString(), new[] { "Paid", "Fulfilling" });
        Assert.Equal(2, alternating.Sent.Distinct().Count());
    }

    [Fact]
    public async Task InstanceKilledDuringCheckoutLoad_LosesNoOrderAndNoPayment()
    {
        var variants = await VariantsAsync(20);
        var orders = new ConcurrentDictionary<Guid, bool>();
        var unexpected = new ConcurrentQueue<string>();
        var retried = 0;
        using var done = new CancellationTokenSource();
        var emails = $"load-{Guid.NewGuid():N}"[..17];

        async Task<T?> RetryAsync<T>(Func<Task<(bool Done, T? Value)>> attempt)
        {
            for (var n = 0; n < 60; n++)
            {
                try
                {
                    var (done, value) = await attempt();
                    if (done)
                    {
                        return value;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The instance went away mid-request: the answer is unknown, so ask again with the same key.
                }

                Interlocked.Increment(ref retried);
                await Task.Delay(250);
            }

            unexpected.Enqueue("gave up after 60 attempts");
            return default;
        }

        (bool, T?) Unexpected<T>(string what, HttpResponseMessage response)
        {
            if ((int)response.StatusCode >= 500)
            {
                return (false, default);
            }

            unexpected.Enqueue($"{what} {(int)response.StatusCode}");
            return (true, default);
        }

        async Task Shopper(int id)
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = cluster.Balancer, Timeout = TimeSpan.FromSeconds(15) };
            var random = new Random(id);
            for (var n = 0; !done.IsCancellationRequested; n++)
            {
                var variantId = variants[random.Next(variants.Count)];
                var cartId = await RetryAsync(async () =>
                {
                    var added = await http.PostAsJsonAsync("/api/cart/add", new { variantId, quantity = 1 });
                    return added.IsSuccessStatusCode ? (true, added.Headers.GetValues("X-Cart-Id").Single()) : Unexpected<string>("add", added);
                });
                if (cartId is null)
                {
                    return;
                }

                var orderKey = Guid.NewGuid().ToString();
                var orderId = await RetryAsync(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(Address($"{emails}-{id}-{n}@example.com")) };
                    request.Headers.Add("X-Cart-Id", cartId);
                    request.Headers.Add("Idempotency-Key", orderKey);
                    var placed = await http.SendAsync(request);
                    return placed.StatusCode == HttpStatusCode.Created
                        ? (true, (Guid?)(await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid())
                        : Unexpected<Guid?>("order", placed);
                });
                if (orderId is not { } placedId)
                {
                    return;
                }

                orders[placedId] = false;
                var paymentKey = Guid.NewGuid().ToString();
                var redirect = await RetryAsync(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments") { Content = JsonContent.Create(new { orderId = placedId }) };
                    request.Headers.Add("Idempotency-Key", paymentKey);
                    var started = await http.SendAsync(request);
                    return started.IsSuccessStatusCode
                        ? (true, (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirectUrl").GetString())
                        : Unexpected<string>("payment", started);
                });
                if (redirect is null)
                {
                    return;
                }

                var paid = await RetryAsync(async () =>
                {
                    var page = await http.GetAsync(redirect);
                    if (!page.IsSuccessStatusCode)
                    {
                        return Unexpected<bool>("payment page", page);
                    }

                    var token = TokenPattern().Match(await page.Content.ReadAsStringAsync());
                    if (!token.Success)
                    {
                        // The page shows a decided payment (an earlier attempt went through before its answer was lost).
                        return (true, true);
                    }

                    using var pay = new HttpRequestMessage(HttpMethod.Post, redirect)
                    {
                        Content = new FormUrlEncodedContent(new Dictionary<string, string>(Card)
                        {
                            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                            ["_handler"] = "pay",
                        }),
                    };
                    pay.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
                    var answer = await http.SendAsync(pay);
                    return (int)answer.StatusCode is 302 or 303 ? (true, true) : Unexpected<bool>("pay", answer);
                });
                orders[placedId] = paid;
            }
        }

        try
        {
            var shoppers = Enumerable.Range(0, 6).Select(Shopper).ToList();

            // The kill lands in the middle of the load: once orders are flowing, and the load goes on for a while after.
            var warming = Stopwatch.StartNew();
            while (orders.Count < 3 && warming.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(100);
            }

            var beforeKill = orders.Count;
            cluster.Kill(1);
            await Task.Delay(TimeSpan.FromSeconds(6));
            await done.CancelAsync();
            await Task.WhenAll(shoppers);

            output.WriteLine($"{orders.Count} orders ({beforeKill} before the kill), {retried} retried requests");
            Assert.True(unexpected.IsEmpty, "unexpected answers: " + string.Join(", ", unexpected.Take(10)));
            Assert.True(beforeKill > 0 && orders.Count > beforeKill, $"orders before the kill {beforeKill}, after {orders.Count}");
            Assert.All(orders, o => Assert.True(o.Value, $"order {o.Key} was not paid"));
            var ids = orders.Keys.ToArray();
            await using var connection = new NpgsqlConnection(cluster.ConnectionString);
            await connection.OpenAsync();
            Assert.Equal(ids.Length, await CountAsync(connection, "SELECT count(*) FROM orders WHERE email LIKE @p", ("p", emails + "-%")));
            Assert.Equal(ids.Length, await CountAsync(connection, "SELECT count(*) FROM orders WHERE id = ANY(@p) AND paid_at IS NOT NULL", ("p", ids)));
            Assert.Equal(ids.Length, await CountAsync(connection, "SELECT count(*) FROM payments WHERE order_id = ANY(@p) AND status = 'Succeeded'", ("p", ids)));
            Assert.Equal(0, await CountAsync(connection, "SELECT count(*) FROM inventory WHERE reserved > on_hand OR on_hand < 0"));
        }
        finally
        {
            await cluster.RestartAsync(1);
        }
    }

    private static readonly Dictionary<string, string> Card = new()
    {
        ["Input.Number"] = "4242424242424242",
        ["Input.Expiry"] = "12/30",
        ["Input.Cvc"] = "123",
    };

    private static object Address(string email) =>
        new { email, name = "Cluster Buyer", line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" };

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(int Id, string Slug)> CategoryAsync()
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, slug FROM categories ORDER BY id LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetString(1));
    }

    private async Task<List<int>> VariantsAsync(int count)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.is_published ORDER BY v.id LIMIT @n", connection);
        command.Parameters.AddWithValue("n", count);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
