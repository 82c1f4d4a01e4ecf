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
        while (taken < maxMessages && await DispatchNextAsync(ct))
        {
            taken++;
        }

        return taken;
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

    private Task<bool> DispatchNextAsync(CancellationToken ct) =>
        db.RetriableAsync(token => DispatchNextOnceAsync(token), ct);

    private async Task<bool> DispatchNextOnceAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.UtcNow;

        // Only what a handler takes: the rest is settled in bulk by SettleUnhandledAsync, also when it arrives mid-run.
        var handledTypes = handlersByType.Select(h => h.Key).ToArray();
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
