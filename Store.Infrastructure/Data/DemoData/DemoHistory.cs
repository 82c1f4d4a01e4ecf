using System.Diagnostics;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Checkout;
using Store.Domain.Common;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Common;
using Store.Infrastructure.Recommendations;
using Store.Infrastructure.Reports;

namespace Store.Infrastructure.Data.DemoData;

/// <summary>What the demo history added, and how long it took.</summary>
public sealed record DemoHistorySummary(int Customers, int Orders, int PurchaseOrders, long Milliseconds);

/// <summary>
/// Ninety days of the demo store's past: a few hundred customers and their orders, day by day with a weekly rhythm and
/// some growth, paid on the test provider, fulfilled, shipped and delivered, some refunded or returned, a few never
/// paid; and purchase orders that restocked what ran low. Each order is priced by checkout's own calculator (tax,
/// shipping, promotions as they stood that day), moved through its state machine, and leaves what the services would
/// leave: reservations and ledger lines, a payment, an invoice numbered in sequence, pick lists, a shipment with its
/// events, refunds, redemptions and audit entries, each stamped with its moment in the past by a <see cref="DemoClock"/>.
/// It is written in batches with EF rather than through the services one request at a time, so that a fresh demo store
/// still starts within a minute on a small machine; all of it in one transaction, so a failed start leaves no half
/// history. Stock is followed in memory as it would have been, so no sale ever takes what was not on the shelf, and the
/// counts are moved by the same deltas as the ledger at the end. Deterministic apart from ids and tracking numbers.
/// </summary>
public sealed partial class DemoHistory
{
    public const int Days = 90;
    private const int CustomerCount = 320;
    private const double OrdersPerDay = 15;
    private const int Seed = 2026_0903;

    private readonly StoreDbContext db;
    private readonly DemoClock clock;
    private readonly AuditLog audit;
    private readonly ShopOptions shop;
    private readonly Random random = new(Seed);
    private readonly Faker faker = new("en") { Random = new Randomizer(Seed + 1) };
    private readonly HashSet<string> guestEmails = new(StringComparer.Ordinal);
    private readonly DateTimeOffset end;
    private readonly string staff;

    private DemoHistory(StoreDbContext db, ShopOptions shop, DateTimeOffset start, DateTimeOffset end)
    {
        this.db = db;
        this.shop = shop;
        this.end = end;
        clock = new DemoClock(start);
        audit = new AuditLog(db, clock);
        staff = shop.Admin.Email;
    }

    /// <summary>The first day of the history for a store seeded at <paramref name="now"/>: midnight UTC, <see cref="Days"/> days back.</summary>
    public static DateTimeOffset StartFor(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-Days);

    /// <summary>
    /// Seeds the history into a store whose demo catalog was just created and that has no orders yet; does nothing
    /// otherwise, so a second start adds nothing. Afterwards rebuilds the daily sales aggregates and the best-seller
    /// signals for the whole period.
    /// </summary>
    public static async Task<DemoHistorySummary?> SeedAsync(IServiceProvider sp, StoreDbContext db, IClock realClock, ShopOptions shop, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var now = realClock.UtcNow;
        var summary = await db.RetriableAsync(token => new DemoHistory(db, shop, StartFor(now), now).SeedOnceAsync(sp, token), ct);
        db.ChangeTracker.Clear();
        if (summary is null)
        {
            return null;
        }

        await sp.GetRequiredService<SalesReportService>().RebuildRecentAsync(Days + 1, ct);
        await sp.GetRequiredService<SalesSignalsService>().RecomputeAsync(ct);
        return summary with { Milliseconds = watch.ElapsedMilliseconds };
    }

    private async Task<DemoHistorySummary?> SeedOnceAsync(IServiceProvider sp, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Orders.AnyAsync(ct))
        {
            return null;
        }

        var start = clock.UtcNow;
        var catalog = await LoadCatalogAsync(ct);
        var rates = await sp.GetRequiredService<RatesCache>().GetAsync(db, ct);
        var calculator = new CheckoutCalculator(rates.Shipping, rates.Tax);
        shipping = rates.Shipping;
        var stored = await db.Promotions.AsNoTracking().Where(p => p.IsEnabled).OrderBy(p => p.Id).ToListAsync(ct);
        var promotions = stored.Select(p => p.ToDomain()).ToList();
        foreach (var p in stored)
        {
            promotionNames[p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = (p.Code, p.Label);
        }

        var shoppers = DemoCustomers.Create(db, sp.GetRequiredService<ILookupNormalizer>(), CustomerCount, start, end, Seed);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var orders = 0;
        var totalDays = (int)Math.Ceiling((end - start).TotalDays);
        for (var d = 0; d < totalDays; d++)
        {
            var day = DateOnly.FromDateTime(start.UtcDateTime.Date.AddDays(d));
            var midnight = start.AddDays(d);
            catalog.StartDay(midnight);
            await RestockAsync(catalog, midnight, ct);

            var times = Enumerable.Range(0, DemoDemand.Draw(random, DemoDemand.ExpectedOrders(day, d, Days, OrdersPerDay)))
                .Select(_ => midnight + DemoDemand.TimeOfDay(random))
                .Where(t => t < end.AddMinutes(-30))
                .Order()
                .ToList();
            var numbers = await NumbersAsync(StoreDbContext.OrderNumberSequence, times.Count, ct);
            for (var i = 0; i < times.Count; i++)
            {
                if (PlaceOrder(catalog, calculator, promotions, shoppers, numbers[i], times[i]))
                {
                    orders++;
                }
            }

            // A week of orders at a time keeps the change tracker small; the transaction spans the whole history.
            if (d % 7 == 6 || d == totalDays - 1)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await FinishAsync(catalog, ct);
        await tx.CommitAsync(ct);
        return new DemoHistorySummary(shoppers.Count, orders, catalog.PurchaseOrders, 0);
    }

    /// <summary>The next <paramref name="count"/> numbers of a sequence, in order.</summary>
    private async Task<IReadOnlyList<long>> NumbersAsync(string sequence, int count, CancellationToken ct) =>
        count == 0
            ? []
            : await db.Database.SqlQuery<long>($"SELECT nextval({sequence}::regclass) AS \"Value\" FROM generate_series(1, {count}) ORDER BY 1").ToListAsync(ct);

    /// <summary>
    /// What the services would have left behind, set in one go: stock counts moved by the ledger's deltas, promotion
    /// uses counted from the redemptions that stand, the invoice counters at the last number issued, the low-stock flags.
    /// </summary>
    private async Task FinishAsync(DemoStock catalog, CancellationToken ct)
    {
        foreach (var ((variantId, locationId), delta) in catalog.Deltas.Where(d => d.Value != 0))
        {
            await db.Database.ExecuteSqlAsync($"UPDATE inventory SET on_hand = on_hand + {delta} WHERE variant_id = {variantId} AND location_id = {locationId}", ct);
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE promotion_redemptions r SET released_at = o.cancelled_at
            FROM orders o WHERE o.id = r.order_id AND o.status = 'Cancelled' AND r.released_at IS NULL
            """,
            ct);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE promotions p SET used = (SELECT count(*) FROM promotion_redemptions r WHERE r.promotion_id = p.id AND r.released_at IS NULL)",
            ct);
        foreach (var (year, last) in invoiceSequences)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO invoice_counters (year, last_sequence) VALUES ({year}, {last})
                ON CONFLICT (year) DO UPDATE SET last_sequence = greatest(invoice_counters.last_sequence, excluded.last_sequence)
                """,
                ct);
        }

        await db.Database.ExecuteSqlAsync(
            $"UPDATE inventory SET low_stock_since = {end} WHERE reorder_point > 0 AND on_hand - reserved < reorder_point AND low_stock_since IS NULL",
            ct);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE inventory SET low_stock_since = NULL WHERE low_stock_since IS NOT NULL AND on_hand - reserved >= reorder_point",
            ct);
    }
}
