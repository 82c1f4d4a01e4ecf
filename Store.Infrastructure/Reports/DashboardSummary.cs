using Store.Domain.Ordering;
using Store.Domain.Reports;

namespace Store.Infrastructure.Reports;

/// <summary>What the dashboard shows for a period; amounts in minor units of <see cref="Currency"/>.</summary>
public sealed record DashboardSummary(
    ReportPeriod Period,
    ReportPeriod PreviousPeriod,
    string Currency,
    Figures Current,
    Figures Previous,
    IReadOnlyList<DayPoint> Series,
    int OrdersToFulfil,
    IReadOnlyList<OrderToFulfil> OldestToFulfil,
    IReadOnlyList<LowStockVariant> LowStock,
    IReadOnlyList<TopSeller> TopProducts,
    IReadOnlyList<TopSeller> TopCategories,
    IReadOnlyList<RecentOrder> RecentOrders,
    BackgroundHealth Health,
    DateTimeOffset At)
{
    public Change Sales => new(Current.SalesMinor, Previous.SalesMinor);

    public Change Orders => new(Current.Orders, Previous.Orders);

    public Change AverageOrder => new(Current.AverageOrderMinor, Previous.AverageOrderMinor);

    public Change Units => new(Current.Units, Previous.Units);

    public Change Refunds => new(Current.RefundedMinor, Previous.RefundedMinor);

    public Change Conversion => new(Current.ConversionPercent, Previous.ConversionPercent);
}

/// <summary>A period's totals: orders paid in it, what they charged, refunds given in it, carts created in it.</summary>
public sealed record Figures(int Orders, int Units, long GrossMinor, int RefundCount, long RefundedMinor, int Carts)
{
    /// <summary>Net sales: charged (goods, shipping and tax) less refunded.</summary>
    public long SalesMinor => GrossMinor - RefundedMinor;

    public long AverageOrderMinor => Orders == 0 ? 0 : GrossMinor / Orders;

    /// <summary>Paid orders per hundred carts created; zero when no cart was.</summary>
    public decimal ConversionPercent => Carts == 0 ? 0 : Math.Round(Orders * 100m / Carts, 1, MidpointRounding.ToEven);

    public static Figures Of(IEnumerable<DayTotalsRow> days)
    {
        var list = days.ToList();
        return new Figures(
            list.Sum(d => d.Orders),
            list.Sum(d => d.Units),
            list.Sum(d => d.GrossMinor),
            list.Sum(d => d.Refunds),
            list.Sum(d => d.RefundedMinor),
            list.Sum(d => d.Carts));
    }
}

/// <summary>One day of the sales chart: net sales and orders paid.</summary>
public sealed record DayPoint(DateOnly Day, long SalesMinor, int Orders);

public sealed record OrderToFulfil(Guid Id, long Number, string Email, OrderStatus Status, DateTimeOffset PaidAt);

public sealed record LowStockVariant(int VariantId, string Sku, string Product, string Location, int Available, int ReorderPoint);

public sealed record TopSeller(string Name, int Units, long RevenueMinor);

public sealed record RecentOrder(Guid Id, long Number, string Email, OrderStatus Status, long TotalMinor, string Currency, DateTimeOffset PlacedAt);

/// <summary>The background work at a glance: the outbox's backlog and the last integrity check.</summary>
public sealed record BackgroundHealth(int OutboxWaiting, int OutboxParked, TimeSpan? OldestWaiting, DateTimeOffset? IntegrityCheckedAt, int? IntegrityIssues);
