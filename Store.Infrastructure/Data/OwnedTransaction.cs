using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Store.Infrastructure.Data;

/// <summary>
/// A transaction a service opens only if its caller has none: run alone (a staff action) it commits its own
/// work; run inside another unit of work (an outbox handler inside the dispatcher's transaction) it joins it,
/// and the caller's commit or rollback decides.
/// </summary>
public sealed class OwnedTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _owned;

    private OwnedTransaction(IDbContextTransaction? owned) => _owned = owned;

    public static async Task<OwnedTransaction> BeginAsync(DatabaseFacade database, CancellationToken ct) =>
        new(database.CurrentTransaction is null ? await database.BeginTransactionAsync(ct) : null);

    public Task CommitAsync(CancellationToken ct) => _owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public Task RollbackAsync(CancellationToken ct) => _owned?.RollbackAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
