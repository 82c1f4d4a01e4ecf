using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Store.Infrastructure.Data;

/// <summary>
/// Npgsql's retrying strategy, plus one thing a restart needs: after PostgreSQL restarts, every idle connection in
/// the pool is dead (the server said goodbye on each socket), and a retry would only pick the next dead one until the
/// retries ran out. A retry after a lost connection therefore empties the pool first, so it dials a new one. A
/// deadlock or serialization failure (class 40) leaves the pool alone: the connections are fine.
/// </summary>
public sealed class StoreRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, DatabaseRetryOptions options)
    : NpgsqlRetryingExecutionStrategy(dependencies, options.MaxRetryCount, options.MaxRetryDelay, DatabaseRetryOptions.ShutdownErrorCodes)
{
    /// <summary>
    /// Also a commit on a transaction whose connection the server just closed: Npgsql reports it as the transaction
    /// being disposed, with the server's goodbye (57P01) inside.
    /// </summary>
    protected override bool ShouldRetryOn(Exception? exception) =>
        base.ShouldRetryOn(exception)
        || (exception is ObjectDisposedException or InvalidOperationException && exception.InnerException is { } inner && ShouldRetryOn(inner));

    protected override void OnRetry()
    {
        var last = ExceptionsEncountered.Count > 0 ? ExceptionsEncountered[^1] : null;
        if (last is not PostgresException { SqlState: ['4', '0', ..] } && Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }

        base.OnRetry();
    }
}
