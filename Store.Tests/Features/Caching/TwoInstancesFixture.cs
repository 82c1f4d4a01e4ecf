using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Store.Infrastructure.Caching;
using Store.Tests.Support;

namespace Store.Tests.Features.Caching;

/// <summary>
/// Two instances of the store's services (A is the fixture's own, B a second container) over one database, each
/// with its invalidation listener running, as two processes behind a load balancer would have.
/// </summary>
public sealed class TwoInstancesFixture : DatabaseFixture
{
    public ServiceProvider Other { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Other = TestDatabase.Services(DatabaseName);
        await StartListenerAsync(Services);
        await StartListenerAsync(Other);
    }

    public override async Task DisposeAsync()
    {
        await StopListenerAsync(Other);
        await StopListenerAsync(Services);
        await Other.DisposeAsync();
        await base.DisposeAsync();
    }

    public AsyncServiceScope OtherScope() => Other.CreateAsyncScope();

    private static async Task StartListenerAsync(ServiceProvider services)
    {
        await services.GetServices<IHostedService>().OfType<PostgresCacheListener>().Single().StartAsync(CancellationToken.None);
        var instance = services.GetRequiredService<CacheInstance>();
        for (var i = 0; i < 100 && !instance.Listening; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(instance.Listening, "the cache listener subscribed");
    }

    private static Task StopListenerAsync(ServiceProvider services) =>
        services.GetServices<IHostedService>().OfType<PostgresCacheListener>().Single().StopAsync(CancellationToken.None);
}
