using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Jobs;

namespace Store.Infrastructure.Outbox;

/// <summary>
/// Hands committed outbox messages to their handlers, oldest first, and records the outcome: done, failed and due
/// again after a backoff, or parked after <see cref="JobsOptions.OutboxMaxAttempts"/> failures.
/// </summary>
/// <remarks>
/// Each message is claimed and completed in a transaction of its own (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1), not
/// one transaction for a batch: a message's completion is committed as soon as its handlers return, so a crash or a
/// failed commit repeats at most the one message in flight (handlers are at-least-once, but their emails should not
/// be sent again for a whole batch), and the row lock is held only while that message is handled. Concurrent
/// dispatchers (two nodes, or a run overlapping another) skip each other's locked rows and never take the same one.
/// Inside that transaction the handlers run after a savepoint. A handler that fails is rolled back to it: whatever
/// it wrote through the scoped <see cref="StoreDbContext"/> is undone while the row lock is kept, so the failure is
/// recorded on the message before any other dispatcher can take it again. A handler that writes through the scoped
/// context commits atomically with the message being marked done.
/// </remarks>
public sealed class OutboxDispatcher(
    StoreDbContext db,
    IEnumerable<IOutboxHandler> handlers,
    IClock clock,
    IOptions<JobsOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    private const string HandlerSavepoint = "outbox_handlers";

    private readonly ILookup<string, IOutboxHandler> handlersByType = handlers.ToLookup(h => h.EventType, StringComparer.Ordinal);

    /// <summary>Types whose handlers only write in the transaction (today the admin's live alerts, on every order placed).</summary>
    private string[] BatchedTypes => handlersByType.Where(g => g.All(h => h is ITransactionalOutboxHandler)).Select(g => g.Key).ToArray();

    /// <summary>The wait after the given failed attempt: 10 s, 20 s, 40 s … doubling, at most an hour.</summary>
    public static TimeSpan RetryDelay(int attempt)
    {
        var seconds = 10 * Math.Pow(2, Math.Clamp(attempt, 1, 30) - 1);
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromHours(1).TotalSeconds));
    }

    /// <summary>Dispatches due messages until none is left or <see cref="JobsOptions.OutboxBatchSize"/> were taken.</summary>
    public Task<int> DispatchDueAsync(CancellationToken ct = default) => DispatchAsync(options.Value.OutboxBatchSize, ct);

    /// <summary>Dispatches up to <paramref name="maxMessages"/> due messages; returns how many were taken (done, failed or parked).</summary>
    public async Task<int> DispatchAsync(int maxMessages, CancellationToken ct = default)
    {
        var taken = await SettleUnhandledAsync(ct);
        var batched = BatchedTypes;
        while (taken < maxMessages)
        {
            if (batched.Length > 0)
            {
                var (count, failed) = await DispatchBatchAsync(batched, maxMessages - taken, ct);
                taken += count;

                // A failing handler rolled its batch back: those messages go one by one from here, so the failure is
                // recorded on the message that caused it and the others are done.
                if (failed)
                {
                    batched = [];
                }
            }

            if (taken >= maxMessages || !await DispatchNextAsync(batched, ct))
            {
                break;
            }

            taken++;
        }

        return taken;
    }

    /// <summary>
    /// Up to <paramref name="maxMessages"/> due messages of the <paramref name="types"/> claimed, handled and marked
    /// done in one transaction: an order's live alert is then one NOTIFY, not a transaction of six statements of its
    /// own. Returns how many were done, or (0, true) when a handler failed and the batch was rolled back.
    /// </summary>
    private Task<(int Count, bool Failed)> DispatchBatchAsync(string[] types, int maxMessages, CancellationToken ct) =>
        db.RetriableAsync(token => DispatchBatchOnceAsync(types, maxMessages, token), ct);

    private async Task<(int Count, bool Failed)> DispatchBatchOnceAsync(string[] types, int maxMessages, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.UtcNow;
        var claimed = await db.OutboxMessages
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE processed_at IS NULL AND parked_at IS NULL AND available_at <= {now} AND type = ANY ({types})
                ORDER BY occurred_at
                LIMIT {maxMessages}
                FOR UPDATE SKIP LOCKED
                """)
            .AsNoTracking()
            .ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return (0, false);
        }

        try
        {
            foreach (var message in claimed)
            {
                foreach (var handler in handlersByType[message.Type])
                {
                    await handler.HandleAsync(message, ct);
                }
            }

            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "A batch of {Count} outbox messages failed and was rolled back; they are handled one by one", claimed.Count);
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return (0, true);
        }

        var ids = claimed.Select(m => m.Id).ToArray();
        var done = clock.UtcNow;
        await db.OutboxMessages
            .Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ProcessedAt, done).SetProperty(m => m.LastError, (string?)null), ct);
        await tx.CommitAsync(ct);
        return (claimed.Count, false);
    }

    /// <summary>
    /// Messages no handler takes are marked done in one statement, not claimed, updated and committed one by one:
    /// every order raises order.placed, which nothing handles today, so that was a transaction per order for nothing.
    /// </summary>
    private Task<int> SettleUnhandledAsync(CancellationToken ct)
    {
        var handled = handlersByType.Select(h => h.Key).ToArray();
        var now = clock.UtcNow;
        return db.RetriableAsync(
            token => db.Database.ExecuteSqlAsync(
                $"UPDATE outbox_messages SET processed_at = {now} WHERE processed_at IS NULL AND parked_at IS NULL AND available_at <= {now} AND type <> ALL ({handled})",
                token),
            ct);
    }

    /// <param name="batched">Types left to <see cref="DispatchBatchAsync"/>, not claimed here.</param>
    private Task<bool> DispatchNextAsync(string[] batched, CancellationToken ct) =>
        db.RetriableAsync(token => DispatchNextOnceAsync(batched, token), ct);

    private async Task<bool> DispatchNextOnceAsync(string[] batched, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.UtcNow;

        // Only what a handler takes: the rest is settled in bulk by SettleUnhandledAsync, also when it arrives mid-run.
        var handledTypes = handlersByType.Select(h => h.Key).Except(batched, StringComparer.Ordinal).ToArray();
        var claimed = await db.OutboxMessages
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE processed_at IS NULL AND parked_at IS NULL AND available_at <= {now} AND type = ANY ({handledTypes})
                ORDER BY occurred_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return false;
        }

        var message = claimed[0];
        var matching = handlersByType[message.Type].ToList();
        await tx.CreateSavepointAsync(HandlerSavepoint, ct);
        try
        {
            foreach (var handler in matching)
            {
                await handler.HandleAsync(message, ct);
            }

            message.MarkProcessed(clock.UtcNow);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A shutdown (cancellation) skips this: the transaction rolls back and the attempt is not counted.
            await tx.RollbackToSavepointAsync(HandlerSavepoint, ct);
            db.ChangeTracker.Clear();
            var failed = await db.OutboxMessages.SingleAsync(m => m.Id == message.Id, ct);
            RecordFailure(failed, ex);
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    private void RecordFailure(OutboxMessage message, Exception ex)
    {
        var now = clock.UtcNow;
        var attempt = message.Attempts + 1;
        var error = $"{ex.GetType().Name}: {ex.Message}";
        if (attempt >= Math.Max(1, options.Value.OutboxMaxAttempts))
        {
            message.MarkFailed(error, now);
            message.Park(now);
            logger.LogError(ex, "Outbox message {MessageId} ({MessageType}) failed {Attempts} times and is parked until staff requeue it", message.Id, message.Type, attempt);
            return;
        }

        var retryAt = now + RetryDelay(attempt);
        message.MarkFailed(error, retryAt);
        logger.LogWarning(ex, "Outbox message {MessageId} ({MessageType}) failed on attempt {Attempt}; next attempt at {RetryAt:O}", message.Id, message.Type, attempt, retryAt);
    }
}
