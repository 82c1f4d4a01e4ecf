using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

// Drives the store's real checkout path over HTTP, as the mobile app and the hosted payment page do:
// add to cart → place order → start payment → pay on the hosted page. Reports orders placed (and paid) per second.
var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5099";
var concurrency = args.Length > 1 ? int.Parse(args[1]) : 16;
var seconds = args.Length > 2 ? int.Parse(args[2]) : 20;

using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = new Uri(baseUrl) };
var variants = new List<int>();
int? cursor = null;
do
{
    var page = await http.GetFromJsonAsync<JsonElement>($"/api/products?limit=100{(cursor is null ? "" : $"&cursor={cursor}")}");
    foreach (var p in page.GetProperty("items").EnumerateArray())
    {
        var detail = await http.GetFromJsonAsync<JsonElement>($"/api/products/{p.GetProperty("slug").GetString()}");
        variants.AddRange(detail.GetProperty("variants").EnumerateArray().Where(v => v.GetProperty("available").GetInt32() > 100).Select(v => v.GetProperty("id").GetInt32()));
    }

    cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Number ? page.GetProperty("nextCursor").GetInt32() : null;
}
while (cursor is not null);

if (variants.Count == 0)
{
    Console.Error.WriteLine("No variant has more than 100 units available; the bench script stocks them first.");
    return 1;
}

var placeLatencies = new ConcurrentBag<double>();
var placed = 0;
var paid = 0;
var failures = new ConcurrentDictionary<string, int>();
var stop = Stopwatch.StartNew();
var token = new Regex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"", RegexOptions.Compiled);

async Task Worker(int id)
{
    var random = new Random(id);
    while (stop.Elapsed.TotalSeconds < seconds)
    {
        try
        {
            var add = await http.PostAsJsonAsync("/api/cart/add", new { variantId = variants[random.Next(variants.Count)], quantity = 1 });
            if (!add.IsSuccessStatusCode)
            {
                failures.AddOrUpdate($"add {(int)add.StatusCode}", 1, (_, n) => n + 1);
                continue;
            }

            var cart = add.Headers.GetValues("X-Cart-Id").Single();
            var started = Stopwatch.GetTimestamp();
            using var order = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
            {
                Content = JsonContent.Create(new { email = $"bench{id}@example.com", name = "Bench Buyer", line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" }),
            };
            order.Headers.Add("X-Cart-Id", cart);
            order.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var placedResponse = await http.SendAsync(order);
            if (!placedResponse.IsSuccessStatusCode)
            {
                failures.AddOrUpdate($"order {(int)placedResponse.StatusCode}", 1, (_, n) => n + 1);
                continue;
            }

            placeLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref placed);
            var orderId = (await placedResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
            var payment = await http.PostAsJsonAsync("/api/payments", new { orderId });
            var redirect = (await payment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirectUrl").GetString()!;

            // The hosted payment page: its form and antiforgery cookie, then the card.
            var pageResponse = await http.GetAsync(redirect);
            var html = await pageResponse.Content.ReadAsStringAsync();
            var cookies = string.Join("; ", pageResponse.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            using var pay = new HttpRequestMessage(HttpMethod.Post, redirect)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token.Match(html).Groups[1].Value),
                    ["_handler"] = "pay",
                    ["Input.Number"] = "4242424242424242",
                    ["Input.Expiry"] = "12/30",
                    ["Input.Cvc"] = "123",
                }),
            };
            pay.Headers.Add("Cookie", cookies);
            var paidResponse = await http.SendAsync(pay);
            if ((int)paidResponse.StatusCode is 302 or 303)
            {
                Interlocked.Increment(ref paid);
            }
            else
            {
                var body = await paidResponse.Content.ReadAsStringAsync();
                var alert = Regex.Match(body, "role=\"alert\"[^>]*>([^<]*)<").Groups[1].Value;
                failures.AddOrUpdate($"pay {(int)paidResponse.StatusCode} {alert}", 1, (_, n) => n + 1);
            }
        }
        catch (Exception e)
        {
            failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
        }
    }
}

await Task.WhenAll(Enumerable.Range(0, concurrency).Select(Worker));
var elapsed = stop.Elapsed.TotalSeconds;
var sorted = placeLatencies.OrderBy(x => x).ToArray();
double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
Console.WriteLine($"orders_placed={placed} orders_paid={paid} seconds={elapsed:F1} concurrency={concurrency}");
Console.WriteLine($"placed_per_second={placed / elapsed:F1} paid_per_second={paid / elapsed:F1}");
Console.WriteLine($"place_order_ms p50={P(0.5):F1} p99={P(0.99):F1}");
Console.WriteLine("failures=" + (failures.IsEmpty ? "none" : string.Join(", ", failures.Select(f => $"{f.Key}:{f.Value}"))));
return 0;
