using Store.Infrastructure.Shipping.Carriers;
using Store.Tests.Support;

namespace Store.Tests.Features.Shipping;

public class CarrierTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetAsync_WhileTheTokenIsFresh_FetchesItOnce()
    {
        var clock = new TestClock(Start);
        var cache = new CarrierTokenCache(clock);
        var fetches = 0;

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal("t1", await cache.GetAsync("ups", _ => Fetch(ref fetches, Start.AddHours(1)), CancellationToken.None));
        }

        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task GetAsync_WithinTheRefreshMarginOfExpiry_FetchesANewToken()
    {
        var clock = new TestClock(Start);
        var cache = new CarrierTokenCache(clock);
        var fetches = 0;
        await cache.GetAsync("ups", _ => Fetch(ref fetches, Start.AddHours(1)), CancellationToken.None);

        clock.Set(Start.AddHours(1) - CarrierTokenCache.RefreshMargin);
        var token = await cache.GetAsync("ups", _ => Fetch(ref fetches, Start.AddHours(2)), CancellationToken.None);

        Assert.Equal(("t2", 2), (token, fetches));
    }

    [Fact]
    public async Task GetAsync_AfterForget_FetchesANewToken()
    {
        var cache = new CarrierTokenCache(new TestClock(Start));
        var fetches = 0;
        await cache.GetAsync("ups", _ => Fetch(ref fetches, Start.AddHours(1)), CancellationToken.None);

        cache.Forget("ups");
        await cache.GetAsync("ups", _ => Fetch(ref fetches, Start.AddHours(1)), CancellationToken.None);

        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task GetAsync_ManyCallersAtOnce_FetchOneToken()
    {
        var cache = new CarrierTokenCache(new TestClock(Start));
        var fetches = 0;
        var release = new TaskCompletionSource();

        var callers = Enumerable.Range(0, 8).Select(_ => cache.GetAsync("ups", async _ =>
        {
            Interlocked.Increment(ref fetches);
            await release.Task;
            return new CarrierToken("shared", Start.AddHours(1));
        }, CancellationToken.None)).ToList();
        release.SetResult();

        Assert.All(await Task.WhenAll(callers), t => Assert.Equal("shared", t));
        Assert.Equal(1, fetches);
    }

    private static Task<CarrierToken> Fetch(ref int fetches, DateTimeOffset expiresAt)
    {
        var n = Interlocked.Increment(ref fetches);
        return Task.FromResult(new CarrierToken($"t{n}", expiresAt));
    }
}
