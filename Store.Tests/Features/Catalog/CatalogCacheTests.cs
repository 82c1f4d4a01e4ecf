using Microsoft.Extensions.Caching.Memory;
using Store.Infrastructure.Caching;
using Store.Infrastructure.Catalog;
using Store.Tests.Support;

namespace Store.Tests.Features.Catalog;

public class CatalogCacheTests
{
    [Fact]
    public async Task GetOrLoad_WhenManyAskForAMissingEntryAtOnce_LoadsItOnce()
    {
        var cache = NewCache();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        async Task<string> Load()
        {
            Interlocked.Increment(ref loads);
            await gate.Task;
            return "page";
        }

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => cache.GetOrLoadAsync("c/jackets", Load))).ToList();
        await Task.Delay(100);
        gate.SetResult();
        var answers = await Task.WhenAll(callers);

        Assert.Equal(1, loads);
        Assert.All(answers, a => Assert.Equal("page", a));
        Assert.Equal("page", await cache.GetOrLoadAsync("c/jackets", Load));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task GetOrLoad_WhenTheSharedLoadFails_EachWaiterLoadsForItself()
    {
        var cache = NewCache();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        async Task<string> Load()
        {
            if (Interlocked.Increment(ref loads) == 1)
            {
                await gate.Task;
                throw new OperationCanceledException("the first request went away");
            }

            return "page";
        }

        var first = cache.GetOrLoadAsync("search:tent", Load);
        var waiters = Enumerable.Range(0, 3).Select(_ => Task.Run(() => cache.GetOrLoadAsync("search:tent", Load))).ToList();
        await Task.Delay(100);
        gate.SetResult();

        await Assert.ThrowsAsync<OperationCanceledException>(() => first);
        Assert.All(await Task.WhenAll(waiters), a => Assert.Equal("page", a));
    }

    [Fact]
    public async Task GetOrLoad_AfterInvalidate_LoadsAgain()
    {
        var cache = NewCache();
        var loads = 0;
        Task<int> Load() => Task.FromResult(Interlocked.Increment(ref loads));

        Assert.Equal(1, await cache.GetOrLoadAsync("home", Load));
        Assert.Equal(1, await cache.GetOrLoadAsync("home", Load));
        cache.Invalidate();
        Assert.Equal(2, await cache.GetOrLoadAsync("home", Load));
    }

    [Fact]
    public async Task Invalidate_AfterAChange_DropsEntriesAndTellsTheOtherInstances()
    {
        var backplane = new RecordingBackplane();
        var cache = NewCache(backplane);
        var loads = 0;
        Task<int> Load() => Task.FromResult(Interlocked.Increment(ref loads));
        await cache.GetOrLoadAsync("home", Load);

        cache.Invalidate();

        Assert.Equal(2, await cache.GetOrLoadAsync("home", Load));
        Assert.Equal([CacheNames.Catalog], backplane.Published);
    }

    [Fact]
    public async Task InvalidateLocal_OnAnotherInstancesMessage_DropsEntriesWithoutSendingOne()
    {
        var backplane = new RecordingBackplane();
        var cache = NewCache(backplane);
        var loads = 0;
        Task<int> Load() => Task.FromResult(Interlocked.Increment(ref loads));
        await cache.GetOrLoadAsync("home", Load);

        cache.InvalidateLocal();

        Assert.Equal(2, await cache.GetOrLoadAsync("home", Load));
        Assert.Empty(backplane.Published);
    }

    private static CatalogCache NewCache(RecordingBackplane? backplane = null) =>
        new(new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 }), backplane ?? new RecordingBackplane());
}
