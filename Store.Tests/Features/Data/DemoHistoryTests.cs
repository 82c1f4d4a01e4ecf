using Microsoft.EntityFrameworkCore;
using Store.Domain.Inventory;
using Store.Domain.Ordering;
using Store.Infrastructure.Data;
using Store.Infrastructure.Data.DemoData;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Reports;
using Store.Tests.Support;

namespace Store.Tests.Features.Data;

/// <summary>A new demo store started with its history, as ./store.sh run does: an empty database brought up once.</summary>
public sealed class DemoHistoryStoreFixture : DatabaseFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DatabaseInitializer.InitializeAsync(Services);
    }

    protected override Task<string> CreateDatabaseAsync() => TestDatabase.CreateEmptyAsync();

    protected override Task<IReadOnlyDictionary<string, string?>?> SettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>?>(new Dictionary<string, string?>
        {
            ["Store:SeedDemoData"] = "true",
            ["Store:SeedDemoHistory"] = "true",
            ["Store:SeedDemoPictures"] = "false",
            ["Store:Jobs:Enabled"] = "false",
        });
}

public class DemoHistoryTests(DemoHistoryStoreFixture store) : IClassFixture<DemoHistoryStoreFixture>
{
    [Fact]
    public async Task Seed_WhenTheDemoStoreIsNew_LeavesTheIntegrityCheckGreen()
    {
        await using var scope = store.Scope();

        var issues = await store.Get<IntegrityMonitor>(scope).CheckAsync();

        Assert.Empty(issues);
    }

    [Fact]
    public async Task Seed_WhenTheDemoStoreIsNew_SpreadsOrdersOverNinetyDaysWithBusierWeekdays()
    {
        await using var db = store.NewDbContext();
        var placed = await db.Orders.AsNoTracking().Select(o => o.PlacedAt).ToListAsync();
        var now = DateTimeOffset.UtcNow;

        Assert.InRange(placed.Count, 1000, 2000);
        Assert.True(placed.Min() < now.AddDays(-88), $"first order {placed.Min():u}");
        Assert.True(placed.Max() < now && placed.Max() > now.AddDays(-2), $"last order {placed.Max():u}");
        var days = placed.GroupBy(p => p.UtcDateTime.Date).ToList();
        Assert.True(days.Count >= 85, $"{days.Count} days with orders");
        var weekday = days.Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Count());
        var weekend = days.Where(d => d.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Count());
        Assert.True(weekday > weekend * 1.3, $"weekday average {weekday:0.0}, weekend {weekend:0.0}");
        var firstMonth = placed.Count(p => p < now.AddDays(-60));
        var lastMonth = placed.Count(p => p >= now.AddDays(-30));
        Assert.True(lastMonth > firstMonth, $"{firstMonth} orders in the first month, {lastMonth} in the last");
    }

    [Fact]
    public async Task Seed_WhenTheDemoStoreIsNew_OrdersCarryTheirPastTimesEverywhere()
    {
        await using var db = store.NewDbContext();
        var first = await db.Orders.AsNoTracking().OrderBy(o => o.PlacedAt).FirstAsync(o => o.Status == OrderStatus.Delivered);
        var audit = await db.AuditLog.AsNoTracking().Where(a => a.EntityId == first.Id.ToString()).Select(a => a.At).ToListAsync();
        var ledger = await db.StockMovements.AsNoTracking().Where(m => m.OrderId == first.Id).Select(m => m.At).ToListAsync();
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.OrderId == first.Id && p.Status == Store.Domain.Payments.PaymentStatus.Succeeded);
        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == first.Id);

        Assert.True(first.PlacedAt < DateTimeOffset.UtcNow.AddDays(-80));
        Assert.Contains(audit, at => at == first.PlacedAt);
        Assert.All(audit.Concat(ledger), at => Assert.InRange(at, first.PlacedAt, first.PlacedAt.AddDays(20)));
        Assert.Equal(first.PaidAt, payment.CompletedAt);
        Assert.InRange(invoice.IssuedAt, first.PaidAt!.Value, first.PaidAt.Value.AddMinutes(1));
        Assert.StartsWith($"{first.PaidAt.Value.Year:D4}-", invoice.Number);
    }

    [Fact]
    public async Task Seed_WhenTheDemoStoreIsNew_HasEveryKindOfOutcome()
    {
        await using var db = store.NewDbContext();
        var statuses = await db.Orders.AsNoTracking().GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);

        Assert.True(statuses.GetValueOrDefault(OrderStatus.Delivered) > statuses.Values.Sum() / 2, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(OrderStatus.Cancelled) > 10);
        Assert.True(statuses.GetValueOrDefault(OrderStatus.Refunded) > 10);
        Assert.True(statuses.GetValueOrDefault(OrderStatus.PartiallyRefunded) > 10);
        Assert.True(statuses.GetValueOrDefault(OrderStatus.Paid) + statuses.GetValueOrDefault(OrderStatus.Fulfilling) + statuses.GetValueOrDefault(OrderStatus.Shipped) > 0);
        Assert.True(await db.StockMovements.CountAsync(m => m.Kind == MovementKind.Return) > 10);
        Assert.True(await db.Refunds.CountAsync() > 30);
        Assert.True(await db.PromotionRedemptions.CountAsync(r => r.Code == DemoPromotions.WelcomeCode) > 10);
        Assert.True(await db.PromotionRedemptions.CountAsync(r => r.Code == null) > 10);
        Assert.True(await db.PurchaseOrders.CountAsync(p => p.Status == PurchaseOrderStatus.Received) > 5);
        Assert.True(await db.StockMovements.CountAsync(m => m.Kind == MovementKind.Receipt && m.Note!.StartsWith("Purchase order")) > 10);
        Assert.InRange(await db.Users.CountAsync(u => u.Email!.EndsWith("@example.com") || u.Email!.EndsWith("@example.net") || u.Email!.EndsWith("@example.org")), 300, 400);
        Assert.All(await db.Orders.AsNoTracking().Where(o => o.CustomerId != null).Select(o => o.CustomerId).Distinct().ToListAsync(), id => Assert.NotNull(id));
    }

    [Fact]
    public async Task Seed_WhenTheDemoStoreIsNew_BuildsTheDailyAggregatesOfThePastDays()
    {
        await using var scope = store.Scope();
        var db = store.Get<StoreDbContext>(scope);
        var paidDays = await db.Orders.AsNoTracking().Where(o => o.PaidAt != null).Select(o => o.PaidAt!.Value).ToListAsync();
        var charged = await db.OrderItems.AsNoTracking().Where(i => db.Orders.Any(o => o.Id == i.OrderId && o.PaidAt != null)).SumAsync(i => i.LineTotalMinor);

        var byDay = await store.Get<SalesReportService>(scope).ByDayAsync(DemoHistory.Days + 1);

        Assert.True(byDay.Count >= 85, $"{byDay.Count} days in the aggregates");
        Assert.Equal(paidDays.Select(p => DateOnly.FromDateTime(p.UtcDateTime)).Distinct().Order(), byDay.Select(d => d.Day));
        Assert.Equal(charged, byDay.Sum(d => d.RevenueMinor));
    }

    [Fact]
    public async Task Initialize_WhenTheStoreStartsAgain_AddsNoHistory()
    {
        await using var before = store.NewDbContext();
        var orders = await before.Orders.CountAsync();
        var users = await before.Users.CountAsync();

        await DatabaseInitializer.InitializeAsync(store.Services);

        await using var after = store.NewDbContext();
        Assert.Equal(orders, await after.Orders.CountAsync());
        Assert.Equal(users, await after.Users.CountAsync());
    }
}
