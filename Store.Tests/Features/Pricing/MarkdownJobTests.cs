using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using Store.Domain.Common;
using Store.Domain.Pricing;
using Store.Infrastructure;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Jobs;
using Store.Infrastructure.Pricing;
using Store.Tests.Support;

namespace Store.Tests.Features.Pricing;

public class MarkdownJobTests(PricingFixture db) : IClassFixture<PricingFixture>
{
    [Fact]
    public async Task Evaluate_WhenStockIsHighAndNothingSoldForDays_StartsOneAuditedMarkdownAndAgainChangesNothing()
    {
        var (variantId, regular, ruleId) = await ArrangeAsync(skip: 21, units: 50, percent: 30m);

        var first = await db.EvaluateAsync();
        var second = await db.EvaluateAsync();

        Assert.True(first.Started >= 1);
        Assert.Equal(new MarkdownRun(0, 0, 0), second);
        Assert.Single(await OpenAsync(ruleId, variantId));
        Assert.Equal(1, await AuditCountAsync("markdown.started", variantId));
        var price = await CartPriceAsync(variantId);
        Assert.Equal((regular - new Percent(30m).Of(new Money(regular, "USD")).Minor, PriceSource.Markdown, "Slow movers −30 %"), (price.UnitPrice.Minor, price.Explanation.Source, price.Explanation.Text));
    }

    [Fact]
    public async Task Evaluate_WhenStockFallsToTheThreshold_EndsTheMarkdownAndTheRegularPriceReturns()
    {
        var (variantId, regular, ruleId) = await ArrangeAsync(skip: 25, units: 50, percent: 10m);
        await db.EvaluateAsync();
        Assert.Single(await OpenAsync(ruleId, variantId));

        await SetStockAsync(variantId, 20);
        var run = await db.EvaluateAsync();

        Assert.True(run.Ended >= 1);
        Assert.Empty(await OpenAsync(ruleId, variantId));
        Assert.Equal(1, await AuditCountAsync("markdown.ended", variantId));
        Assert.Equal((regular, PriceSource.Base), ((await CartPriceAsync(variantId)).UnitPrice.Minor, (await CartPriceAsync(variantId)).Explanation.Source));
        Assert.Equal(new MarkdownRun(0, 0, 0), await db.EvaluateAsync());
    }

    [Fact]
    public async Task Evaluate_WhenTheVariantSoldRecently_WaitsUntilTheDaysWithoutASaleHavePassed()
    {
        var variantId = await db.VariantOfProductAsync(29, units: 50);
        await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 1));
        var (_, _, _, slug) = await db.VariantAsync(variantId);
        var ruleId = await db.RuleAsync(new MarkdownRuleForm("Slow movers", 20m, StockAbove: 20, DaysWithoutSale: 30, slug, null));

        await db.EvaluateAsync();
        Assert.Empty(await OpenAsync(ruleId, variantId));

        db.Clock.Advance(TimeSpan.FromDays(31));
        await db.EvaluateAsync();
        Assert.Single(await OpenAsync(ruleId, variantId));
    }

    [Fact]
    public async Task Evaluate_WhenAMarkdownWouldCrossTheFloorPrice_ChargesTheFloorAndNamesTheReductionGiven()
    {
        var (variantId, regular, ruleId) = await ArrangeAsync(skip: 33, units: 50, percent: 60m);
        var floor = regular * 3 / 4;
        await using (var scope = db.Scope())
        {
            await db.Get<StoreDbContext>(scope).Variants.Where(v => v.Id == variantId).ExecuteUpdateAsync(u => u.SetProperty(v => v.FloorPriceMinor, floor));
        }

        await db.EvaluateAsync();
        var price = await CartPriceAsync(variantId);

        Assert.Single(await OpenAsync(ruleId, variantId));
        Assert.Equal((floor, PriceSource.Floor, "Slow movers −25 %"), (price.UnitPrice.Minor, price.Explanation.Source, price.Explanation.Text));
        var placed = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 2));
        await using (var scope = db.Scope())
        {
            var item = await db.Get<StoreDbContext>(scope).OrderItems.AsNoTracking().SingleAsync(i => i.OrderId == placed.OrderId);
            Assert.Equal((floor, regular, "Slow movers −25 %"), (item.UnitPriceMinor, item.RegularPriceMinor, item.PriceExplanation));
        }
    }

    [Fact]
    public async Task Evaluate_WhenEightEvaluationsRunAtOnce_StartsTheMarkdownExactlyOnce()
    {
        var (variantId, _, ruleId) = await ArrangeAsync(skip: 37, units: 50, percent: 15m);

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(db.EvaluateAsync)));

        Assert.Single(await OpenAsync(ruleId, variantId));
        Assert.Equal(1, await AuditCountAsync("markdown.started", variantId));
        Assert.Single(runs, r => r.Started > 0);
    }

    [Fact]
    public async Task EndRule_EndsItsOpenMarkdownsAtOnceAndTheJobDoesNotRestartThem()
    {
        var (variantId, regular, ruleId) = await ArrangeAsync(skip: 41, units: 50, percent: 15m);
        await db.EvaluateAsync();

        await EndRuleAsync(ruleId);
        await db.EvaluateAsync();

        Assert.Empty(await OpenAsync(ruleId, variantId));
        Assert.Equal(regular, (await CartPriceAsync(variantId)).UnitPrice.Minor);
    }

    [Fact]
    public async Task MarkdownJob_OnARunningScheduler_StartsAndThenEndsTheMarkdown()
    {
        var (variantId, _, ruleId) = await ArrangeAsync(skip: 45, units: 50, percent: 12m);
        using var node = await StartNodeAsync();
        var scheduler = node.Services.GetRequiredService<IScheduler>();

        // The job's trigger starts now, so the node runs it on start.
        await WaitUntilAsync(async () => (await OpenAsync(ruleId, variantId)).Count == 1);
        await SetStockAsync(variantId, 10);
        await scheduler.TriggerJob(MarkdownJob.Key);
        await WaitUntilAsync(async () => (await OpenAsync(ruleId, variantId)).Count == 0);
        await node.StopAsync();

        Assert.Equal(1, await AuditCountAsync("markdown.ended", variantId));
    }

    private async Task<(int VariantId, long Regular, int RuleId)> ArrangeAsync(int skip, int units, decimal percent)
    {
        var variantId = await db.VariantOfProductAsync(skip, units);
        var (_, regular, _, slug) = await db.VariantAsync(variantId);
        var ruleId = await db.RuleAsync(new MarkdownRuleForm("Slow movers", percent, StockAbove: 20, DaysWithoutSale: 30, slug, null));
        return (variantId, regular, ruleId);
    }

    private async Task<List<StoredMarkdown>> OpenAsync(int ruleId, int variantId)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Markdowns.AsNoTracking().Where(m => m.RuleId == ruleId && m.VariantId == variantId && m.EndedAt == null).ToListAsync();
    }

    private async Task<int> AuditCountAsync(string action, int variantId)
    {
        await using var scope = db.Scope();
        var details = await db.Get<StoreDbContext>(scope).AuditLog.AsNoTracking().Where(a => a.Action == action && a.Actor == MarkdownService.Actor).Select(a => a.Details).ToListAsync();
        return details.Count(d => d != null && System.Text.Json.JsonDocument.Parse(d).RootElement.GetProperty("VariantId").GetInt32() == variantId);
    }

    private async Task<ResolvedPrice> CartPriceAsync(int variantId)
    {
        await using var scope = db.Scope();
        var line = (await db.Get<CartService>(scope).AddAsync(new CartOwner(null, null), variantId, 1)).Value.Lines.Single();
        return line.Price!;
    }

    private async Task SetStockAsync(int variantId, int units)
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var location = await context.Inventory.Where(i => i.VariantId == variantId).OrderByDescending(i => i.OnHand).Select(i => i.LocationId).FirstAsync();
        Assert.True((await db.Get<InventoryService>(scope).SetOnHandAsync(variantId, location, units, "test", "Count")).IsSuccess);
    }

    private async Task EndRuleAsync(int ruleId)
    {
        await using var scope = db.Scope();
        Assert.True((await db.Get<PricingAdminService>(scope).EndRuleAsync(ruleId, "owner@example.com")).IsSuccess);
    }

    private async Task<IHost> StartNodeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Store"] = db.ConnectionString,
            ["Store:Jobs:InstanceId"] = "node-markdowns",
            ["Store:Jobs:ClusterCheckinIntervalSeconds"] = "1",
        });
        builder.Services.AddLogging();
        builder.Services.AddStoreInfrastructure(builder.Configuration);
        builder.Services.AddStoreJobs(builder.Configuration);
        builder.Services.AddSingleton<IClock>(db.Clock);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "Timed out waiting for the markdown job.");
            await Task.Delay(200);
        }
    }
}
