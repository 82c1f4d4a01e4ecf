using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Domain.Tax;
using Store.Infrastructure.Caching;
using Store.Infrastructure.Data;
using Store.Infrastructure.Shipping;
using Store.Infrastructure.Tax;

namespace Store.Infrastructure.Checkout;

/// <summary>
/// The tax and shipping zones and methods, read once and kept as the calculators that use them: every quote (cart,
/// checkout, each order) needs them, and they change only when the owner edits a rate. Any SaveChanges that adds,
/// changes or removes one of them drops the cache on this instance at once (this type is also a SaveChanges
/// interceptor) and, once the change has committed, on the other instances through the <see cref="ICacheBackplane"/>
/// (a save inside an explicit transaction is announced when that transaction commits, never before: an instance that
/// reloaded in between would keep the old rates under the new version). Changes made in plain SQL are picked up
/// within <see cref="Lifetime"/>.
/// </summary>
public sealed class RatesCache(IClock clock, ICacheBackplane backplane) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConditionalWeakTable<DbContext, object> saving = [];
    private readonly ConditionalWeakTable<DbContext, object> announceOnCommit = [];
    private long version;
    private Rates? current;

    public sealed record Rates(long Version, DateTimeOffset LoadedAt, ShippingCalculator Shipping, TaxCalculator Tax);

    public async Task<Rates> GetAsync(StoreDbContext db, CancellationToken ct)
    {
        var seen = Interlocked.Read(ref version);
        var hit = Volatile.Read(ref current);
        if (hit is not null && hit.Version == seen && clock.UtcNow - hit.LoadedAt < Lifetime)
        {
            return hit;
        }

        var taxZones = await db.TaxZones.AsNoTracking().ToListAsync(ct);
        var zones = await db.ShippingZones.AsNoTracking().ToListAsync(ct);
        var methods = await db.ShippingMethods.AsNoTracking().ToListAsync(ct);
        var loaded = new Rates(
            seen,
            clock.UtcNow,
            new ShippingCalculator([.. zones.Select(z => z.ToDomain())], [.. methods.Select(m => m.ToDomain())]),
            new TaxCalculator([.. taxZones.Select(z => z.ToDomain())]));

        // Stamped with the version read before loading: if an edit lands meanwhile, the next quote loads again.
        Volatile.Write(ref current, loaded);
        return loaded;
    }

    public void Invalidate() => Interlocked.Increment(ref version);

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => AnnounceCommitted(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AnnounceCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Before the save (the changed entries are still marked; after it they are accepted and look unchanged) and after
    // it (a quote that reloaded in between, before the commit, read the old rates): both bump the version.
    private void Saving(DbContext? context)
    {
        if (context is not null && RatesChanged(context))
        {
            Invalidate();
            saving.AddOrUpdate(context, this);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !saving.Remove(context))
        {
            return;
        }

        Invalidate();
        if (context.Database.CurrentTransaction is null)
        {
            backplane.Publish(CacheNames.Rates);
        }
        else
        {
            announceOnCommit.AddOrUpdate(context, this);
        }
    }

    private void AnnounceCommitted(DbContext? context)
    {
        if (context is not null && announceOnCommit.Remove(context))
        {
            // A quote on this instance may have reloaded between the save and the commit.
            Invalidate();
            backplane.Publish(CacheNames.Rates);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            saving.Remove(context);
            announceOnCommit.Remove(context);
        }
    }

    private static bool RatesChanged(DbContext context) =>
        context.ChangeTracker.Entries().Any(e =>
            e.Entity is StoredTaxZone or StoredShippingZone or StoredShippingMethod && e.State is not (EntityState.Unchanged or EntityState.Detached));
}
