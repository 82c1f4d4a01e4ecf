using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using Store.Infrastructure;
using Store.Infrastructure.Data;
using Store.Infrastructure.Jobs;
using Store.Infrastructure.Outbox;
using Store.Tests.Features.Outbox;
using Store.Tests.Support;
using Xunit.Abstractions;
using OutboxService = Store.Infrastructure.Outbox.Outbox;

namespace Store.Tests.Features.Jobs;

/// <summary>
/// Real Quartz hosts (AddStoreJobs, the hosted service) over the class's own database, whose qrtz_* tables come
/// from the QuartzSchema migration in the template.
/// </summary>
public class ClusteredSchedulerTests(DatabaseFixture db, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private readonly ConcurrentDictionary<Guid, int> calls = new();

    [Fact]
    public async Task Scheduler_WhenTwoClusteredNodesShareTheDatabase_RunsEveryFiringExactlyOnce()
    {
        await ExecuteAsync(FireRecorderJob.CreateTableSql);
        using var nodeA = await StartNodeAsync("node-a");
        using var nodeB = await StartNodeAsync("node-b");

        // Scheduled once, on one node, after both have started: a trigger declared at startup would be replaced
        // by the second node's start and shift its fire times.
        const int firings = 8;
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
        var scheduler = nodeA.Services.GetRequiredService<IScheduler>();
        await scheduler.ScheduleJob(TriggerBuilder.Create()
            .WithIdentity("fire-recorder", "test")
            .ForJob(FireRecorderJob.Key)
            .StartAt(start)
            .WithSimpleSchedule(TimeSpan.FromSeconds(1), firings - 1)
            .Build());
        var expected = Enumerable.Range(0, firings).Select(i => start.AddSeconds(i)).ToList();

        await Task.Delay(start.AddSeconds(1) - DateTimeOffset.UtcNow);
        SchedulerView view;
        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            view = await scope.ServiceProvider.GetRequiredService<OutboxQueries>().SchedulerAsync();
        }

        await WaitUntilAsync(async () => (await FiresAsync()).Count >= firings, expected[^1].AddSeconds(5));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await nodeA.StopAsync();
        await nodeB.StopAsync();

        var fires = await FiresAsync();
        foreach (var fire in fires)
        {
            output.WriteLine($"{fire.ScheduledAt:HH:mm:ss.fff} ran on {fire.InstanceId} at {fire.FiredAt:HH:mm:ss.fff}");
        }

        Assert.Equal(expected, fires.Select(f => f.ScheduledAt).Order());
        // Both alive while the trigger fired: each checked in within the last seconds (another test's node may linger).
        foreach (var node in new[] { "node-a", "node-b" })
        {
            var checkin = Assert.Single(view.Nodes, n => n.InstanceId == node).LastCheckinAt;
            Assert.InRange(checkin, start.AddSeconds(-5), start.AddSeconds(2));
        }

        var recorder = Assert.Single(view.Triggers, t => t.TriggerName == "fire-recorder");
        Assert.InRange(recorder.NextFireAt!.Value, start, expected[^1]);
        Assert.Contains(view.Triggers, t => t.JobName == OutboxDispatcherJob.Key.Name);
    }

    [Fact]
    public async Task OutboxDispatcherJob_WhenTheSchedulerRuns_HandsACommittedMessageToItsHandlerOnce()
    {
        using var node = await StartNodeAsync("node-c", outboxIntervalSeconds: 1);
        Guid messageId;
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            scope.ServiceProvider.GetRequiredService<OutboxService>().Add(new TestEvent("test.scheduled"));
            messageId = context.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
            await context.SaveChangesAsync();
        }

        await WaitUntilAsync(() => Task.FromResult(calls.ContainsKey(messageId)), DateTimeOffset.UtcNow.AddSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await node.StopAsync();

        Assert.Equal(1, calls.GetValueOrDefault(messageId));
    }

    [Fact]
    public void AddStoreJobs_WhenDisabled_AddsNoHostedService()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Store"] = db.ConnectionString,
            ["Store:Jobs:Enabled"] = "false",
        }).Build();

        var services = new ServiceCollection().AddStoreJobs(configuration);

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Contains(services, d => d.ServiceType == typeof(ISchedulerFactory));
    }

    [Fact]
    public async Task ReservationExpiryJob_WhenTheSchedulerRuns_CancelsTheUnpaidOrderAndReleasesItsStock()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 4, skip: 40);
        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 3));
        await using (var scope = db.Scope())
        {
            var past = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.Get<StoreDbContext>(scope).StockReservations.Where(r => r.OrderId == order.OrderId)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ExpiresAt, past));
        }

        using var node = await StartNodeAsync("node-expiry");
        await WaitUntilAsync(
            async () =>
            {
                await using var scope = db.Scope();
                return await db.Get<StoreDbContext>(scope).Orders.AnyAsync(o => o.Id == order.OrderId && o.Status == Store.Domain.Ordering.OrderStatus.Cancelled);
            },
            DateTimeOffset.UtcNow.AddSeconds(20));
        await node.StopAsync();

        Assert.Equal((4, 0), await StoreScenario.StockAsync(db, variantId));
    }

    private async Task<IHost> StartNodeAsync(string instanceId, int outboxIntervalSeconds = 5)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Store"] = db.ConnectionString,
            ["Store:Jobs:InstanceId"] = instanceId,
            ["Store:Jobs:ClusterCheckinIntervalSeconds"] = "1",
            ["Store:Jobs:OutboxIntervalSeconds"] = outboxIntervalSeconds.ToString(),
        });
        builder.Services.AddLogging();
        builder.Services.AddStoreInfrastructure(builder.Configuration);
        builder.Services.AddStoreJobs(builder.Configuration);
        builder.Services.AddScoped<IOutboxHandler>(_ => new RecordingHandler("test.scheduled", calls));
        builder.Services.AddQuartz(q =>
        {
            // The default (30 s) lets an idle node sleep through a trigger scheduled on the other node.
            q.ConfigureScheduler(s => s.IdleWaitTime = TimeSpan.FromSeconds(1));
            q.AddJob<FireRecorderJob>(job => job.WithIdentity(FireRecorderJob.Key).StoreDurably());
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task<List<Fire>> FiresAsync()
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Database
            .SqlQuery<Fire>($"SELECT scheduled_at, instance_id, fired_at FROM test_job_fires ORDER BY scheduled_at")
            .ToListAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var scope = db.Scope();
        await db.Get<StoreDbContext>(scope).Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, DateTimeOffset deadline)
    {
        while (!await condition() && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
    }

    private sealed record Fire(DateTimeOffset ScheduledAt, string InstanceId, DateTimeOffset FiredAt);
}
