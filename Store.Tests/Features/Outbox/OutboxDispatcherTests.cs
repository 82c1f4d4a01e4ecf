using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Outbox;
using Store.Tests.Support;
using OutboxService = Store.Infrastructure.Outbox.Outbox;

namespace Store.Tests.Features.Outbox;

public class OutboxDispatcherTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly ConcurrentDictionary<Guid, int> calls = new();

    [Fact]
    public async Task Dispatch_WhenTheTransactionThatSavedTheMessageRollsBack_NeverHandsItOver()
    {
        await using var services = Services("test.rollback");
        Guid messageId;
        await using (var scope = services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            messageId = await context.RetriableAsync(
                async ct =>
                {
                    await using var tx = await context.Database.BeginTransactionAsync(ct);
                    scope.ServiceProvider.GetRequiredService<OutboxService>().Add(new TestEvent("test.rollback"));
                    await context.SaveChangesAsync(ct);
                    var id = context.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
                    await tx.RollbackAsync(ct);
                    return id;
                },
                CancellationToken.None);
        }

        await DispatchAllAsync(services);

        Assert.False(calls.ContainsKey(messageId));
        Assert.Null(await FindAsync(services, messageId));
    }

    [Fact]
    public async Task Dispatch_WhenTheTransactionThatSavedTheMessageCommits_HandsItOverExactlyOnce()
    {
        await using var services = Services("test.commit");
        var messageId = (await SaveAsync(services, new TestEvent("test.commit"))).Single();

        await DispatchAllAsync(services);
        await DispatchAllAsync(services);

        Assert.Equal(1, calls.GetValueOrDefault(messageId));
        var message = await FindAsync(services, messageId);
        Assert.NotNull(message?.ProcessedAt);
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public async Task Dispatch_WhenNoHandlerTakesTheType_MarksTheMessageProcessed()
    {
        await using var services = Services("test.someone-else");
        var messageId = (await SaveAsync(services, new TestEvent("test.nobody-listens"))).Single();

        await DispatchAllAsync(services);

        Assert.NotNull((await FindAsync(services, messageId))?.ProcessedAt);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task Dispatch_WhenAHandlerKeepsFailing_RetriesWithGrowingDelaysThenParksAfterMaxAttempts()
    {
        var clock = new TestClock();
        await using var services = Services("test.failing", clock, maxAttempts: 4, then: _ => throw new InvalidOperationException("SMTP said no"));
        var messageId = (await SaveAsync(services, new TestEvent("test.failing"))).Single();

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await DispatchAllAsync(services);
            var message = (await FindAsync(services, messageId))!;
            Assert.Equal(attempt, message.Attempts);
            Assert.Null(message.ParkedAt);
            Assert.Null(message.ProcessedAt);
            Assert.Equal("InvalidOperationException: SMTP said no", message.LastError);
            delays.Add(message.AvailableAt - clock.UtcNow);

            // Not due before its backoff has passed.
            clock.Set(message.AvailableAt - TimeSpan.FromSeconds(1));
            await DispatchAllAsync(services);
            Assert.Equal(attempt, calls[messageId]);
            clock.Set(message.AvailableAt);
        }

        await DispatchAllAsync(services);

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40)], delays);
        var parked = (await FindAsync(services, messageId))!;
        Assert.Equal(4, parked.Attempts);
        Assert.Equal(clock.UtcNow, parked.ParkedAt);
        Assert.Null(parked.ProcessedAt);

        clock.Advance(TimeSpan.FromDays(1));
        await DispatchAllAsync(services);
        Assert.Equal(4, calls[messageId]);
    }

    [Fact]
    public async Task Requeue_WhenAMessageIsParked_HandsItOverAgainWithFreshAttempts()
    {
        var clock = new TestClock();
        var failing = true;
        await using var services = Services("test.requeue", clock, maxAttempts: 1, then: _ => failing ? throw new TimeoutException("down") : Task.CompletedTask);
        var messageId = (await SaveAsync(services, new TestEvent("test.requeue"))).Single();
        await DispatchAllAsync(services);
        Assert.NotNull((await FindAsync(services, messageId))?.ParkedAt);

        failing = false;
        clock.Advance(TimeSpan.FromMinutes(5));
        await using (var scope = services.CreateAsyncScope())
        {
            var queries = scope.ServiceProvider.GetRequiredService<OutboxQueries>();
            Assert.Contains(await queries.UnprocessedAsync(), m => m.Id == messageId && m.ParkedAt is not null && m.LastError == "TimeoutException: down");
            Assert.True(await queries.RequeueAsync(messageId, "staff@store.local"));
            Assert.False(await queries.RequeueAsync(messageId, "staff@store.local"));
        }

        var requeued = (await FindAsync(services, messageId))!;
        Assert.Null(requeued.ParkedAt);
        Assert.Equal(0, requeued.Attempts);
        Assert.Equal(clock.UtcNow, requeued.AvailableAt);

        await DispatchAllAsync(services);

        Assert.Equal(2, calls[messageId]);
        Assert.NotNull((await FindAsync(services, messageId))?.ProcessedAt);
    }

    [Fact]
    public async Task Dispatch_WhenOneMessageFails_StillCompletesTheOthers()
    {
        await using var services = Services("test.isolated", then: m => Number(m) == 2 ? throw new InvalidOperationException("bad") : Task.CompletedTask);
        var ids = await SaveAsync(services, new TestEvent("test.isolated", 1), new TestEvent("test.isolated", 2), new TestEvent("test.isolated", 3));

        await DispatchAllAsync(services);

        var messages = await Task.WhenAll(ids.Select(id => FindAsync(services, id)));
        Assert.NotNull(messages[0]!.ProcessedAt);
        Assert.Null(messages[1]!.ProcessedAt);
        Assert.Equal(1, messages[1]!.Attempts);
        Assert.NotNull(messages[2]!.ProcessedAt);
    }

    [Fact]
    public async Task Dispatch_WhenAHandlerWroteThroughTheScopedContextAndThenFails_UndoesItsWrites()
    {
        var written = Guid.NewGuid();
        StoreDbContext? handlerContext = null;
        await using var services = Services("test.partial", then: async _ =>
        {
            handlerContext!.OutboxMessages.Add(new OutboxMessage(written, "test.side-effect", "{}", DateTimeOffset.UtcNow));
            await handlerContext.SaveChangesAsync();
            throw new InvalidOperationException("failed after writing");
        });
        var messageId = (await SaveAsync(services, new TestEvent("test.partial"))).Single();

        await using (var scope = services.CreateAsyncScope())
        {
            handlerContext = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(100);
        }

        Assert.Null(await FindAsync(services, written));
        var failed = (await FindAsync(services, messageId))!;
        Assert.Equal(1, failed.Attempts);
        Assert.Null(failed.ProcessedAt);
    }

    [Fact]
    public async Task Dispatch_WhenTwoDispatchersRunConcurrently_HandsEachMessageOverOnce()
    {
        await using var services = Services("test.concurrent", then: async _ => await Task.Delay(1));
        var ids = await SaveAsync(services, Enumerable.Range(0, 300).Select(i => new TestEvent("test.concurrent", i)).ToArray());

        var taken = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = services.CreateAsyncScope();
            var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
            var total = 0;
            int batch;
            while ((batch = await dispatcher.DispatchAsync(25)) > 0)
            {
                total += batch;
            }

            return total;
        }));

        Assert.All(ids, id => Assert.Equal(1, calls.GetValueOrDefault(id)));
        Assert.All(taken, t => Assert.True(t > 0, $"A dispatcher took nothing ({string.Join(", ", taken)}): the race did not happen"));
        await using var check = services.CreateAsyncScope();
        var context = check.ServiceProvider.GetRequiredService<StoreDbContext>();
        Assert.Equal(300, await context.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.ProcessedAt != null && m.Attempts == 0));
    }

    [Fact]
    public async Task Dispatch_WhenEveryHandlerOfATypeIsTransactional_HandlesItsMessagesInOneTransaction()
    {
        StoreDbContext? handlerContext = null;
        var transactions = new ConcurrentBag<Guid>();
        await using var services = Services("test.batched", transactional: true, then: _ =>
        {
            transactions.Add(handlerContext!.Database.CurrentTransaction!.TransactionId);
            return Task.CompletedTask;
        });
        var ids = await SaveAsync(services, Enumerable.Range(0, 30).Select(i => new TestEvent("test.batched", i)).ToArray());

        int taken;
        await using (var scope = services.CreateAsyncScope())
        {
            handlerContext = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            taken = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(1000);
        }

        Assert.Equal(30, taken);
        Assert.All(ids, id => Assert.Equal(1, calls.GetValueOrDefault(id)));
        Assert.Single(transactions.Distinct());
        await using var check = services.CreateAsyncScope();
        var context = check.ServiceProvider.GetRequiredService<StoreDbContext>();
        Assert.Equal(30, await context.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.ProcessedAt != null && m.Attempts == 0));
    }

    [Fact]
    public async Task Dispatch_WhenATransactionalHandlerFailsInABatch_RecordsTheFailureOnThatMessageAndCompletesTheOthers()
    {
        await using var services = Services("test.batched-failing", transactional: true, then: m => Number(m) == 2 ? throw new InvalidOperationException("bad") : Task.CompletedTask);
        var ids = await SaveAsync(services, new TestEvent("test.batched-failing", 1), new TestEvent("test.batched-failing", 2), new TestEvent("test.batched-failing", 3));

        await DispatchAllAsync(services);

        var messages = await Task.WhenAll(ids.Select(id => FindAsync(services, id)));
        Assert.NotNull(messages[0]!.ProcessedAt);
        Assert.Null(messages[1]!.ProcessedAt);
        Assert.Equal(1, messages[1]!.Attempts);
        Assert.Equal("InvalidOperationException: bad", messages[1]!.LastError);
        Assert.NotNull(messages[2]!.ProcessedAt);
        Assert.Equal(0, messages[2]!.Attempts);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(7, 640)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]
    [InlineData(50, 3600)]
    public void RetryDelay_WhenAttemptsGrow_DoublesFromTenSecondsUpToAnHour(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxDispatcher.RetryDelay(attempt));

    private ServiceProvider Services(string eventType, IClock? clock = null, int maxAttempts = 8, Func<OutboxMessage, Task>? then = null, bool transactional = false) =>
        TestDatabase.Services(
            db.DatabaseName,
            new Dictionary<string, string?> { ["Store:Jobs:OutboxMaxAttempts"] = maxAttempts.ToString() },
            (services, _) =>
            {
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }

                services.AddScoped<IOutboxHandler>(_ => transactional
                    ? new TransactionalRecordingHandler(eventType, calls, then)
                    : new RecordingHandler(eventType, calls, then));
            });

    private static async Task<Guid[]> SaveAsync(ServiceProvider services, params TestEvent[] events)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxService>();
        var ids = new List<Guid>();
        foreach (var e in events)
        {
            outbox.Add(e);
            ids.Add(context.ChangeTracker.Entries<OutboxMessage>().Select(entry => entry.Entity.Id).Single(id => !ids.Contains(id)));
        }

        await context.SaveChangesAsync();
        return [.. ids];
    }

    private static int Number(OutboxMessage message) => JsonDocument.Parse(message.Payload).RootElement.GetProperty("number").GetInt32();

    private static async Task DispatchAllAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(1000);
    }

    private static async Task<OutboxMessage?> FindAsync(ServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StoreDbContext>().OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
    }
}
