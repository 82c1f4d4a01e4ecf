using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Domain.Tax;
using Store.Infrastructure.Data;
using Store.Infrastructure.Shipping;
using Store.Infrastructure.Tax;

namespace Store.Infrastructure.Checkout;

/// <summary>
/// The tax and shipping zones and methods, read once and kept as the calculators that use them: every quote (cart,
/// checkout, each order) needs them, and they change only when the owner edits a rate. Any SaveChanges that adds,
/// changes or removes one of them drops the cache on this instance at once (this type is also a SaveChanges
/// interceptor); other instances, and changes made in plain SQL, are picked up within <see cref="Lifetime"/>.
/// </summary>
public sealed class RatesCache(IClock clock) : SaveChangesInterceptor
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

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
        InvalidateIfRatesChanged(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        InvalidateIfRatesChanged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        InvalidateIfRatesChanged(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        InvalidateIfRatesChanged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Before the save (the changed entries are still marked) and after it (a quote that reloaded in between, before
    // the commit, read the old rates): both bump the version.
    private void InvalidateIfRatesChanged(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is StoredTaxZone or StoredShippingZone or StoredShippingMethod && entry.State is not (EntityState.Unchanged or EntityState.Detached))
            {
                Invalidate();
                return;
            }
        }
    }
}
