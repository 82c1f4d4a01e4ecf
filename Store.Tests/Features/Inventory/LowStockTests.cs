using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Inventory;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Notifications;
using Store.Infrastructure.Outbox;
using Store.Tests.Support;

namespace Store.Tests.Features.Inventory;

public class LowStockTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string _mail = Directory.CreateTempSubdirectory("store-mail-").FullName;

    public void Dispose() => Directory.Delete(_mail, recursive: true);

    [Fact]
    public async Task Sales_WhenConcurrentBuyersTakeStockBelowTheReorderPoint_RaiseOneAlert()
    {
        // Demo data: reorder point 5 at the main warehouse.
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 10);
        var carts = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            carts.Add(await StoreScenario.GuestCartWithAsync(db, variantId, 1));
        }

        await Task.WhenAll(carts.Select(async (cart, i) =>
        {
            await using var scope = db.Scope();
            Assert.True((await db.Get<CheckoutService>(scope).PlaceOrderAsync(new CartOwner(cart, null), StoreScenario.Shopper($"low{i}@example.com"))).IsSuccess);
        }));

        var alerts = await AlertsForAsync(variantId);
        var alert = Assert.Single(alerts);
        Assert.True(alert.Available < 5);
        await using var scope = db.Scope();
        Assert.Contains(await db.Get<InventoryService>(scope).LowStockAsync(), r => r.VariantId == variantId);
    }

    [Fact]
    public async Task Handler_DraftsOnePurchaseOrderAndReceivingItRestocksThroughTheLedger()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(db, units: 6, skip: 1);
        await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 3), "drain@example.com");
        var message = await MessageForAsync(variantId);

        // As in production: the dispatcher runs the handler inside its own transaction. Then once more by hand:
        // a redelivered message must not draft a second order.
        await DispatchAsync();
        await HandleAsync(message);

        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        var order = await context.PurchaseOrders.AsNoTracking().Include(p => p.Lines).SingleAsync(p => p.Lines.Any(l => l.VariantId == variantId));
        Assert.Equal(PurchaseOrderStatus.Draft, order.Status);
        Assert.Equal(24, order.Lines.Single(l => l.VariantId == variantId).Quantity);
        Assert.NotEmpty(Directory.GetFiles(_mail, "*.eml"));

        var purchaseOrders = db.Get<PurchaseOrderService>(scope);
        Assert.True((await purchaseOrders.SendAsync(order.Id, "staff")).IsSuccess);
        var receipts = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var s = db.Scope();
            return await db.Get<PurchaseOrderService>(s).ReceiveAsync(order.Id, "staff");
        }));

        Assert.Equal(1, receipts.Count(r => r.IsSuccess));
        Assert.Equal((6 + 24, 3), await StoreScenario.StockAsync(db, variantId));
        Assert.DoesNotContain(await db.Get<InventoryService>(scope).LowStockAsync(), r => r.VariantId == variantId);
        Assert.Empty(await db.Get<IntegrityMonitor>(scope).CheckAsync());
    }

    private async Task<List<StockLow>> AlertsForAsync(int variantId)
    {
        await using var scope = db.Scope();
        var messages = await db.Get<StoreDbContext>(scope).OutboxMessages.AsNoTracking().Where(m => m.Type == "stock.low").ToListAsync();
        return messages
            .Select(m => System.Text.Json.JsonSerializer.Deserialize<StockLow>(m.Payload, Store.Infrastructure.Outbox.Outbox.Json)!)
            .Where(a => a.VariantId == variantId)
            .ToList();
    }

    private async Task<OutboxMessage> MessageForAsync(int variantId)
    {
        await using var scope = db.Scope();
        var messages = await db.Get<StoreDbContext>(scope).OutboxMessages.AsNoTracking().Where(m => m.Type == "stock.low").ToListAsync();
        return messages.Single(m => System.Text.Json.JsonSerializer.Deserialize<StockLow>(m.Payload, Store.Infrastructure.Outbox.Outbox.Json)!.VariantId == variantId);
    }

    private async Task DispatchAsync()
    {
        await using var services = TestDatabase.Services(db.DatabaseName, new Dictionary<string, string?> { ["Store:Email:PickupFolder"] = _mail });
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var failed = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Type == "stock.low" && m.LastError != null).Select(m => m.LastError).ToListAsync();
        Assert.Empty(failed);
    }

    private async Task HandleAsync(OutboxMessage message)
    {
        await using var services = TestDatabase.Services(db.DatabaseName, new Dictionary<string, string?> { ["Store:Email:PickupFolder"] = _mail });
        await using var scope = services.CreateAsyncScope();
        // The reordering handler; the admin's live alert takes the same event.
        var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().Single(h => h.EventType == "stock.low" && h is not AdminAlertHandler);
        await handler.HandleAsync(message, CancellationToken.None);
    }
}
