using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Store.Domain.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Idempotency;

public abstract record IdempotencyStart
{
    /// <summary>First time this key is seen: run the operation, then Complete (or Abandon on failure).</summary>
    public sealed record Proceed : IdempotencyStart;

    public sealed record Replay(int StatusCode, string? ContentType, string? Body, string? Location) : IdempotencyStart;

    public sealed record Mismatch : IdempotencyStart;

    public sealed record StillRunning : IdempotencyStart;
}

/// <summary>
/// Claims an Idempotency-Key with a committed insert (the unique key decides who runs the operation), then
/// stores the response. Concurrent duplicates wait for the first to finish and get its response.
/// A claim left unfinished by a crash is taken over after <see cref="AbandonedAfter"/>.
/// </summary>
public sealed class IdempotencyService(StoreDbContext db, IClock clock)
{
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(20);

    public async Task<IdempotencyStart> BeginAsync(string scope, string key, string requestHash, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var claimed = await ExecuteAsync(
            $"INSERT INTO idempotency_records (scope, key, request_hash, created_at) VALUES ({scope}, {key}, {requestHash}, {now}) ON CONFLICT DO NOTHING",
            ct);
        if (claimed == 1)
        {
            return new IdempotencyStart.Proceed();
        }

        var deadline = now + WaitForFirst;
        while (true)
        {
            var record = await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
            if (record is null)
            {
                // The first attempt failed and gave the key up: try to claim it again.
                return await BeginAsync(scope, key, requestHash, ct);
            }

            if (record.RequestHash != requestHash)
            {
                return new IdempotencyStart.Mismatch();
            }

            if (record.CompletedAt is not null)
            {
                return new IdempotencyStart.Replay(record.StatusCode!.Value, record.ContentType, record.ResponseBody, record.Location);
            }

            if (clock.UtcNow - record.CreatedAt > AbandonedAfter)
            {
                var takenOver = await ExecuteAsync(
                    $"UPDATE idempotency_records SET created_at = {clock.UtcNow} WHERE scope = {scope} AND key = {key} AND created_at = {record.CreatedAt} AND completed_at IS NULL",
                    ct);
                if (takenOver == 1)
                {
                    return new IdempotencyStart.Proceed();
                }
            }

            if (clock.UtcNow > deadline)
            {
                return new IdempotencyStart.StillRunning();
            }

            await Task.Delay(50, ct);
        }
    }

    public async Task CompleteAsync(string scope, string key, int statusCode, string? contentType, string? body, string? location, CancellationToken ct) =>
        await ExecuteAsync(
            $"UPDATE idempotency_records SET completed_at = {clock.UtcNow}, status_code = {statusCode}, content_type = {contentType}, response_body = {body}, location = {location} WHERE scope = {scope} AND key = {key}",
            ct);

    /// <summary>
    /// Runs the operation in a transaction of its own, through the retrying execution strategy (a lost connection
    /// replays it from the start); <see cref="CompleteAsync"/> called before its commit records the answer atomically
    /// with the change. The claim from <see cref="BeginAsync"/> is already committed, so duplicates wait.
    /// </summary>
    public Task<T> RunAtomicAsync<T>(Func<IDbContextTransaction, CancellationToken, Task<T>> operation, CancellationToken ct) =>
        db.RetriableAsync(
            async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                return await operation(transaction, token);
            },
            ct);

    /// <summary>The operation failed unexpectedly: free the key so the client's retry can run it.</summary>
    public async Task AbandonAsync(string scope, string key, CancellationToken ct) =>
        await ExecuteAsync($"DELETE FROM idempotency_records WHERE scope = {scope} AND key = {key} AND completed_at IS NULL", ct);

    /// <summary>
    /// Raw SQL is not retried by EF's execution strategy on its own. Each statement here is safe to send again: the
    /// claim inserts only if absent, the rest update or delete by key. (A claim whose commit was lost with the
    /// connection reads, on the retry, as another request's claim: that key waits for <see cref="AbandonedAfter"/>.)
    /// </summary>
    private Task<int> ExecuteAsync(FormattableString sql, CancellationToken ct) =>
        db.RetriableAsync(token => db.Database.ExecuteSqlAsync(sql, token), ct);
}
