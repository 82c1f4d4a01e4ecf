using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

// Drives the store's real checkout path over HTTP, as the mobile app and the hosted payment page do:
// add to cart → place order → start payment → pay on the hosted page. Warms the instance with the same traffic first
// (not counted), then measures: orders placed (and paid) per second and p50/p99 of each of the five requests.
// Usage: CheckoutBench URL [concurrency] [seconds] [warm-up seconds] [hook]. The hook, when given, is run as
// `bash -c "HOOK start"` and `"HOOK end"` right at the edges of the measured window (the bench script snapshots CPU
// times and pg_stat_statements there), so the catalog listing and the warm-up fall outside it.
var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5099";
var concurrency = args.Length > 1 ? int.Parse(args[1]) : 16;
var seconds = args.Length > 2 ? int.Parse(args[2]) : 20;
var warmup = args.Length > 3 ? int.Parse(args[3]) : 5;
var hook = args.Length > 4 ? args[4] : null;

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

var token = new Regex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"", RegexOptions.Compiled);
string[] steps = ["add", "order", "payment", "page", "pay"];

if (warmup > 0)
{
    Console.WriteLine($"warming up for {warmup}s (not counted)");
    await Run(warmup);
}

Hook("start");
var round = await Run(seconds);
Hook("end");

double P(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
Console.WriteLine($"orders_placed={round.Placed} orders_paid={round.Paid} seconds={round.Seconds:F1} concurrency={concurrency}");
Console.WriteLine($"placed_per_second={round.Placed / round.Seconds:F1} paid_per_second={round.Paid / round.Seconds:F1}");
foreach (var (step, index) in steps.Select((s, i) => (s, i)))
{
    var sorted = round.Latencies[index].OrderBy(x => x).ToArray();
    Console.WriteLine($"{step}_ms p50={P(sorted, 0.5):F1} p99={P(sorted, 0.99):F1} n={sorted.Length}");
}

Console.WriteLine("failures=" + (round.Failures.IsEmpty ? "none" : string.Join(", ", round.Failures.Select(f => $"{f.Key}:{f.Value}"))));
return 0;

void Hook(string edge)
{
    if (hook is null)
    {
        return;
    }

    using var process = Process.Start(new ProcessStartInfo("bash", ["-c", $"{hook} {edge}"]) { UseShellExecute = false })!;
    process.WaitForExit();
}

async Task<Round> Run(int duration)
{
    var latencies = steps.Select(_ => new ConcurrentBag<double>()).ToArray();
    var failures = new ConcurrentDictionary<string, int>();
    var placed = 0;
    var paid = 0;
    var stop = Stopwatch.StartNew();

    async Task<HttpResponseMessage> Timed(int step, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await send();
        latencies[step].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }

    async Task Worker(int id)
    {
        var random = new Random(id);
        while (stop.Elapsed.TotalSeconds < duration)
        {
            try
            {
                var add = await Timed(0, () => http.PostAsJsonAsync("/api/cart/add", new { variantId = variants[random.Next(variants.Count)], quantity = 1 }));
                if (!add.IsSuccessStatusCode)
                {
                    failures.AddOrUpdate($"add {(int)add.StatusCode}", 1, (_, n) => n + 1);
                    continue;
                }

                var cart = add.Headers.GetValues("X-Cart-Id").Single();
                using var order = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
                {
                    Content = JsonContent.Create(new { email = $"bench{id}@example.com", name = "Bench Buyer", line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" }),
                };
                order.Headers.Add("X-Cart-Id", cart);
                order.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                var placedResponse = await Timed(1, () => http.SendAsync(order));
                if (!placedResponse.IsSuccessStatusCode)
                {
                    failures.AddOrUpdate($"order {(int)placedResponse.StatusCode}", 1, (_, n) => n + 1);
                    continue;
                }

                Interlocked.Increment(ref placed);
                var orderId = (await placedResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
                var payment = await Timed(2, () => http.PostAsJsonAsync("/api/payments", new { orderId }));
                if (!payment.IsSuccessStatusCode)
                {
                    failures.AddOrUpdate($"payment {(int)payment.StatusCode}", 1, (_, n) => n + 1);
                    continue;
                }

                var redirect = (await payment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirectUrl").GetString()!;

                // The hosted payment page: its form and antiforgery cookie, then the card.
                var pageResponse = await Timed(3, () => http.GetAsync(redirect));
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
                var paidResponse = await Timed(4, () => http.SendAsync(pay));
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
    return new Round(placed, paid, stop.Elapsed.TotalSeconds, latencies, failures);
}

internal sealed record Round(int Placed, int Paid, double Seconds, ConcurrentBag<double>[] Latencies, ConcurrentDictionary<string, int> Failures);
