using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Store.Infrastructure.Caching;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Pricing;
using Store.Tests.Support;
using Xunit.Abstractions;

namespace Store.Tests.Features.Cluster;

/// <summary>
/// Two instances with ConnectionStrings:Redis, against a real redis-server: Redis carries the invalidation messages and
/// is the catalog's second level, and the store keeps serving from the database while Redis is away.
/// </summary>
public class RedisClusterTests(RedisClusterFixture cluster, ITestOutputHelper output) : IClassFixture<RedisClusterFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    [RedisFact]
    public async Task SaveSale_OnOneInstance_TheOtherShowsTheNewPriceWithinOneSecond()
    {
        await cluster.BothListeningAsync();
        var slug = await PublishedSlugAsync(skip: 5);
        var before = await PriceAsync(cluster.B, slug);
        var heardBefore = cluster.B.Cache.Received;

        await SaleAsync(cluster.A, slug);

        var seenAfter = await WaitAsync(async () => await PriceAsync(cluster.B, slug) < before);
        output.WriteLine($"B showed the sale price after {seenAfter.TotalMilliseconds:F0} ms");
        Assert.True(seenAfter <= Within, $"the other instance showed the sale price after {seenAfter.TotalMilliseconds:F0} ms");
        Assert.True(cluster.B.Cache.Received > heardBefore, "B heard the change over Redis");
        Assert.DoesNotContain(cluster.B.Services.GetServices<IHostedService>(), s => s is PostgresCacheListener);
    }

    [RedisFact]
    public async Task SaveChanges_WhenATaxRateChangesOnOneInstance_TheOtherReloadsItsRatesWithinOneSecond()
    {
        await cluster.BothListeningAsync();
        var rates = cluster.B.Services.GetRequiredService<RatesCache>();
        var before = await RatesVersionAsync(rates);

        await using (var scope = cluster.A.Scope())
        {
            var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            var zone = await context.TaxZones.Where(z => z.Country == "US").OrderBy(z => z.Id).FirstAsync();
            context.Entry(zone).Property(z => z.StandardRate).CurrentValue = 0.01m;
            await context.SaveChangesAsync();
        }

        var seenAfter = await WaitAsync(async () => await RatesVersionAsync(rates) > before);
        Assert.True(seenAfter <= Within, $"the other instance reloaded its rates after {seenAfter.TotalMilliseconds:F0} ms");
    }

    [RedisFact]
    public async Task ProductLoadedByOneInstance_IsReadByTheOtherFromRedisWithoutAQuery()
    {
        await cluster.BothListeningAsync();
        var slug = await PublishedSlugAsync(skip: 9);
        var generation = cluster.A.Services.GetRequiredService<CatalogSecondLevel>().Generation;
        Assert.NotNull(generation);

        var loadedByA = await ProductAsync(cluster.A, slug);
        var key = $"{cluster.Prefix}:{CatalogSecondLevel.EntryKey(generation.Value, "product:" + slug)}";
        Assert.True(await RedisDatabase().KeyExistsAsync(key), $"{key} is in Redis");

        var commandsBefore = cluster.B.Commands.Count;
        var readByB = await ProductAsync(cluster.B, slug);

        Assert.Equal(commandsBefore, cluster.B.Commands.Count);
        Assert.Equal(JsonSerializer.Serialize(loadedByA), JsonSerializer.Serialize(readByB));
        Assert.Equal(loadedByA!.Images.Count, readByB!.Images.Count);
    }

    [RedisFact]
    public async Task StorefrontPages_ServedByOneInstance_AreServedByTheOtherFromTheEntriesInRedis()
    {
        await cluster.BothListeningAsync();
        var slug = await PublishedSlugAsync(skip: 11);
        var pages = new[] { "/", "/c/hoodies?page=1", "/search?q=wool+jacket&sort=price-asc", $"/p/{slug}", "/api/products?limit=7", "/api/products/suggest?q=jack" };
        var b = cluster.B.Services.GetRequiredService<CatalogSecondLevel>();
        using var first = cluster.A.CreateClient();
        using var second = cluster.B.CreateClient();
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(page)).StatusCode);
        }

        var (hits, unreadable) = (b.Hits, b.Unreadable);
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(page)).StatusCode);
        }

        output.WriteLine($"B read {b.Hits - hits} entries from Redis");
        Assert.True(b.Hits - hits >= pages.Length, $"B read {b.Hits - hits} entries from Redis for {pages.Length} pages");
        Assert.Equal(unreadable, b.Unreadable);
    }

    [RedisFact]
    public async Task CatalogCache_AfterAChangeOnOneInstance_NoInstanceReadsTheSharedEntryFromBeforeIt()
    {
        await cluster.BothListeningAsync();
        var a = cluster.A.Services.GetRequiredService<CatalogCache>();
        var b = cluster.B.Services.GetRequiredService<CatalogCache>();
        var key = "generation-test-" + Guid.NewGuid().ToString("N");
        var loads = 0;
        Task<int> Load() => Task.FromResult(Interlocked.Increment(ref loads));

        Assert.Equal(1, await a.GetOrLoadAsync(key, Load));
        Assert.Equal(1, await b.GetOrLoadAsync(key, Load));
        Assert.Equal(1, loads);

        a.Invalidate();
        Assert.Equal(2, await a.GetOrLoadAsync(key, Load));
        var seenAfter = await WaitAsync(async () => await b.GetOrLoadAsync(key, Load) != 1);
        Assert.True(seenAfter <= Within, $"B dropped the old entry after {seenAfter.TotalMilliseconds:F0} ms");
    }

    [RedisFact]
    public async Task Redis_WhenStopped_PagesServeFromTheDatabase_AndOnceItIsBackChangesAreSeenAgain()
    {
        await cluster.BothListeningAsync();
        var slug = await PublishedSlugAsync(skip: 13);
        var later = await PublishedSlugAsync(skip: 17);
        var before = await PriceAsync(cluster.B, slug);
        var reconnects = (A: cluster.A.Cache.Reconnects, B: cluster.B.Cache.Reconnects);
        try
        {
            cluster.Redis.Stop();
            using var browser = cluster.B.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var clock = Stopwatch.StartNew();
            foreach (var page in new[] { $"/p/{slug}", "/search?q=jacket", $"/api/products/{slug}", "/" })
            {
                var response = await browser.GetAsync(page);
                output.WriteLine($"{page}: {(int)response.StatusCode} at {clock.ElapsedMilliseconds} ms");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"four pages took {clock.ElapsedMilliseconds} ms without Redis");
            var lost = await WaitAsync(() => Task.FromResult(!cluster.A.Cache.Listening && !cluster.B.Cache.Listening), TimeSpan.FromSeconds(5));
            Assert.True(lost < TimeSpan.FromSeconds(5), "both instances noticed Redis went away");

            // A change while Redis is away: the instance that made it shows it at once.
            await SaleAsync(cluster.A, slug);
            Assert.True(await PriceAsync(cluster.A, slug) < before);
            Assert.Contains(cluster.B.Warnings, w => w.Contains("Redis", StringComparison.Ordinal));
        }
        finally
        {
            await cluster.Redis.StartAgainAsync();
        }

        var back = await WaitAsync(
            () => Task.FromResult(cluster.A.Cache.Reconnects > reconnects.A && cluster.B.Cache.Reconnects > reconnects.B && cluster.A.Cache.Listening && cluster.B.Cache.Listening),
            TimeSpan.FromSeconds(20));
        output.WriteLine($"both subscribed again {back.TotalMilliseconds:F0} ms after Redis was back");
        Assert.True(back < TimeSpan.FromSeconds(20), "both instances subscribed again");
        Assert.True(await PriceAsync(cluster.B, slug) < before, "B shows the change made while Redis was away");

        var laterBefore = await PriceAsync(cluster.B, later);
        await SaleAsync(cluster.A, later);
        var seenAfter = await WaitAsync(async () => await PriceAsync(cluster.B, later) < laterBefore);
        output.WriteLine($"after Redis came back, B showed a new sale after {seenAfter.TotalMilliseconds:F0} ms");
        Assert.True(seenAfter <= Within, $"after Redis came back, the other instance showed the sale after {seenAfter.TotalMilliseconds:F0} ms");
    }

    [RedisFact]
    public async Task Start_WhenRedisIsNotThere_ServesPagesFromTheDatabaseAndSaysWhy()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var lonely = new RedisNode(cluster.DatabaseName, $"127.0.0.1:{closedPort}");
        using var browser = lonely.CreateClient();
        var slug = await PublishedSlugAsync(skip: 21);
        var clock = Stopwatch.StartNew();
        foreach (var page in new[] { "/", $"/p/{slug}", "/search?q=jacket" })
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(page)).StatusCode);
        }

        output.WriteLine($"three pages without Redis in {clock.ElapsedMilliseconds} ms");
        Assert.False(lonely.Cache.Listening);
        Assert.Null(lonely.Services.GetRequiredService<CatalogSecondLevel>().Generation);
        var warned = await WaitAsync(() => Task.FromResult(lonely.Warnings.Any(w => w.Contains("Redis", StringComparison.Ordinal))));
        Assert.True(warned < TimeSpan.FromSeconds(5), "a warning names Redis");
    }

    private IDatabase RedisDatabase() => cluster.A.Services.GetRequiredService<RedisConnection>().Connected?.GetDatabase()
        ?? throw new InvalidOperationException("A is not connected to Redis");

    private async Task<string> PublishedSlugAsync(int skip)
    {
        await using var scope = cluster.A.Scope();
        var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        return await context.Products.Where(p => p.IsPublished).OrderBy(p => p.Id).Skip(skip).Select(p => p.Slug).FirstAsync();
    }

    private async Task<long> RatesVersionAsync(RatesCache rates)
    {
        await using var scope = cluster.B.Scope();
        return (await rates.GetAsync(scope.ServiceProvider.GetRequiredService<StoreDbContext>(), CancellationToken.None)).Version;
    }

    private static async Task<ProductDetail?> ProductAsync(RedisNode node, string slug)
    {
        await using var scope = node.Scope();
        return await scope.ServiceProvider.GetRequiredService<CatalogQueries>().ProductAsync(slug);
    }

    private static async Task<long> PriceAsync(RedisNode node, string slug)
    {
        using var http = node.CreateClient();
        using var product = JsonDocument.Parse(await http.GetStringAsync($"/api/products/{slug}"));
        return product.RootElement.GetProperty("variants").EnumerateArray().Min(v => v.GetProperty("priceMinor").GetInt64());
    }

    private static async Task SaleAsync(RedisNode node, string slug)
    {
        await using var scope = node.Scope();
        var saved = await scope.ServiceProvider.GetRequiredService<PricingAdminService>()
            .SaveSaleAsync(null, new SaleForm(slug, true, "Redis sale", 40m, null, null, null), "owner");
        Assert.True(saved.IsSuccess, saved.Error?.Message);
    }

    private static async Task<TimeSpan> WaitAsync(Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        var until = limit ?? TimeSpan.FromSeconds(5);
        while (!await condition())
        {
            if (clock.Elapsed > until)
            {
                return TimeSpan.MaxValue;
            }

            await Task.Delay(20);
        }

        return clock.Elapsed;
    }
}
