using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Integrity;

public class IntegrityMonitorTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Check_AfterSalesTransfersAndAdjustments_FindsNothingWrong()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 8);
        var paid = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 2));
        await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 1), "unpaid@example.com");
        await using (var scope = db.Scope())
        {
            var payments = db.Get<PaymentService>(scope);
            var payment = (await payments.StartAsync(paid.OrderId, null)).Value;
            await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123");
            var locations = await db.Get<InventoryService>(scope).LocationsAsync();
            Assert.True((await db.Get<InventoryService>(scope).TransferAsync(variantId, locations[0].Id, locations[1].Id, 3, "staff")).IsSuccess);
            Assert.True((await db.Get<InventoryService>(scope).ReceiveAsync(variantId, locations[1].Id, 4, "staff", "Delivery")).IsSuccess);
        }

        await using var check = db.Scope();
        Assert.Empty(await db.Get<IntegrityMonitor>(check).CheckAsync());
        Assert.Equal((10, 1), await StoreScenario.StockAsync(db, variantId));
    }

    [Fact]
    public async Task Check_WhenACountChangesOutsideTheLedger_ReportsIt()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 8, skip: 1);
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        await context.Inventory.Where(i => i.VariantId == variantId && i.OnHand == 8).ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHand, 9));

        var issues = await db.Get<IntegrityMonitor>(scope).CheckAsync();

        Assert.Contains(issues, i => i.Check == "ledger" && i.Detail.Contains($"variant {variantId} "));
        await context.Inventory.Where(i => i.VariantId == variantId && i.OnHand == 9).ExecuteUpdateAsync(s => s.SetProperty(i => i.OnHand, 8));
    }

    [Fact]
    public async Task Transfer_WhenManyRunAtOnce_NeverMovesMoreThanIsAvailable()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10, skip: 2);
        await using var setup = db.Scope();
        var locations = await db.Get<InventoryService>(setup).LocationsAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            await using var scope = db.Scope();
            return await db.Get<InventoryService>(scope).TransferAsync(variantId, locations[0].Id, locations[1].Id, 3, "staff");
        }));

        Assert.Equal(3, results.Count(r => r.IsSuccess));
        Assert.Equal((10, 0), await StoreScenario.StockAsync(db, variantId));
        Assert.Empty(await db.Get<IntegrityMonitor>(setup).CheckAsync());
    }

    [Fact]
    public async Task Check_WhenAProductsSearchPostingsAreMissing_ReportsIt()
    {
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var productId = await context.Products.Where(p => p.IsPublished).OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync();
        await context.Database.ExecuteSqlAsync($"DELETE FROM search_postings WHERE product_id = {productId}");

        var issues = await db.Get<IntegrityMonitor>(scope).CheckAsync();

        Assert.Contains(issues, i => i.Check == "search-postings" && i.Detail.StartsWith($"product {productId} (published): 0 search postings", StringComparison.Ordinal));
        await context.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsPublished, false));
        await context.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsPublished, true));
        Assert.DoesNotContain(await db.Get<IntegrityMonitor>(scope).CheckAsync(), i => i.Check == "search-postings");
    }
}
