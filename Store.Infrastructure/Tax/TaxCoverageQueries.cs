using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Tax;

public sealed record TaxCoverage(int Days, int UncoveredOrders, IReadOnlyList<UncoveredPlace> Places, bool RefusesUncovered);

public sealed record UncoveredPlace(string Country, string? Region, int Orders);

/// <summary>
/// How many recent orders went to addresses no tax zone covers: they were taken without tax, which the owner owes
/// anyway where the store must collect it. Judged against today's zones with the same rule checkout uses
/// (<see cref="Domain.Tax.TaxCalculator.ZoneFor"/>), so adding the missing zone clears the count.
/// </summary>
public sealed class TaxCoverageQueries(StoreDbContext db, RatesCache rates, IClock clock, IOptionsMonitor<ShopOptions> options)
{
    public const int RecentDays = 30;

    public async Task<TaxCoverage> RecentAsync(CancellationToken ct = default)
    {
        var since = clock.UtcNow.AddDays(-RecentDays);

        // Grouped in SQL by destination: a month of orders is thousands of rows but a few hundred distinct places.
        var places = await db.Orders.AsNoTracking()
            .Where(o => o.PlacedAt >= since && o.Status != OrderStatus.Cancelled)
            .GroupBy(o => new { o.ShippingAddress.Country, o.ShippingAddress.Region, o.ShippingAddress.PostalCode })
            .Select(g => new { g.Key.Country, g.Key.Region, g.Key.PostalCode, Orders = g.Count() })
            .ToListAsync(ct);
        var tax = (await rates.GetAsync(db, ct)).Tax;
        var uncovered = places
            .Where(p => tax.ZoneFor(p.Country, p.Region, p.PostalCode) is null)
            .GroupBy(p => (Country: p.Country.ToUpperInvariant(), Region: p.Region?.Trim().ToUpperInvariant()))
            .Select(g => new UncoveredPlace(g.Key.Country, g.Key.Region, g.Sum(p => p.Orders)))
            .OrderByDescending(p => p.Orders).ThenBy(p => p.Country, StringComparer.Ordinal).ThenBy(p => p.Region, StringComparer.Ordinal)
            .ToList();
        return new TaxCoverage(RecentDays, uncovered.Sum(p => p.Orders), uncovered, options.CurrentValue.Tax.RefuseUncoveredAddresses);
    }
}
