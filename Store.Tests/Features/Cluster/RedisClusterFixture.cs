using System.Diagnostics;
using Store.Tests.Support;

namespace Store.Tests.Features.Cluster;

/// <summary>
/// Two instances of the store (A and B) over one test database, both with ConnectionStrings:Redis pointing at a private
/// redis-server the fixture starts (and the tests may stop and start again).
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public string DatabaseName { get; private set; } = "";

    public RedisNode A { get; private set; } = null!;

    public RedisNode B { get; private set; } = null!;

    /// <summary>What every key and channel of this store starts with in Redis (the default: its database's name).</summary>
    public string Prefix => "store:" + DatabaseName;

    public async Task InitializeAsync()
    {
        if (RedisServer.SkipReason is not null)
        {
            return;
        }

        Redis = await RedisServer.StartAsync();
        DatabaseName = await TestDatabase.CreateAsync();
        A = new RedisNode(DatabaseName, Redis.ConnectionString);
        B = new RedisNode(DatabaseName, Redis.ConnectionString);

        // Starts both hosts now, so their start-up is not part of any test's timing.
        _ = A.Server;
        _ = B.Server;
        await BothListeningAsync();
    }

    public async Task DisposeAsync()
    {
        if (RedisServer.SkipReason is not null)
        {
            return;
        }

        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        await TestDatabase.DropAsync(DatabaseName);
    }

    /// <summary>Until both instances are subscribed (a test before may have stopped Redis).</summary>
    public async Task BothListeningAsync(TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        while (!(A.Cache.Listening && B.Cache.Listening))
        {
            Assert.True(clock.Elapsed < (within ?? TimeSpan.FromSeconds(30)), $"subscribed: A {A.Cache.Listening}, B {B.Cache.Listening}");
            await Task.Delay(20);
        }
    }
}
