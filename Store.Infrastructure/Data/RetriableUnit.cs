using Microsoft.EntityFrameworkCore;

namespace Store.Infrastructure.Data;

/// <summary>
/// Runs a unit of work that opens its own transaction through the context's retrying execution strategy, so a
/// connection lost mid-way (PostgreSQL restarting, a failover) replays the whole unit from its first statement
/// instead of failing the request. The operation must read everything it decides on inside itself; a replay starts
/// from an empty change tracker, so nothing the failed attempt added or loaded is saved by the next one. Nested
/// inside another retriable unit it simply runs: the outermost unit owns the retry.
/// </summary>
public static class RetriableUnit
{
    public static Task<T> RetriableAsync<T>(this StoreDbContext db, Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        var attempt = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            async token =>
            {
                if (attempt++ > 0)
                {
                    db.ChangeTracker.Clear();
                }

                return await operation(token);
            },
            ct);
    }

    public static Task RetriableAsync(this StoreDbContext db, Func<CancellationToken, Task> operation, CancellationToken ct) =>
        db.RetriableAsync(
            async token =>
            {
                await operation(token);
                return true;
            },
            ct);
}
