using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Ordering;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Outbox;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Ordering;

public class AutoFulfilmentTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string mail = Directory.CreateTempSubdirectory("store-mail-").FullName;

    public void Dispose() => Directory.Delete(mail, recursive: true);

    [Fact]
    public async Task Dispatch_WhenAnOrderIsPaid_StartsFulfilmentAsSystemWithAPickListPerLocation()
    {
        var (variantId, locations, order) = await PaidOrderSplitAcrossLocationsAsync(skip: 30);

        await using var services = Services();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(1000);
        }

        await using var check = db.Scope();
        var detail = (await db.Get<OrderQueries>(check).DetailAsync(order.OrderId))!;
        Assert.Equal(OrderStatus.Fulfilling, detail.Status);
        var step = Assert.Single(detail.Timeline, t => t.To == OrderStatus.Fulfilling);
        Assert.Equal(FulfilmentService.SystemActor, step.Actor);
        Assert.Equal([locations[0], locations[1]], detail.PickLists.Select(p => p.LocationId));
        Assert.Equal([2, 2], detail.PickLists.Select(p => Assert.Single(p.Lines).Quantity));
        Assert.All(detail.PickLists, p => Assert.False(string.IsNullOrEmpty(p.Location)));
        var sku = await db.Get<StoreDbContext>(check).Variants.Where(v => v.Id == variantId).Select(v => v.Sku).SingleAsync();
        Assert.All(detail.PickLists, p => Assert.Equal(sku, p.Lines[0].Sku));
        Assert.True(await db.Get<StoreDbContext>(check).AuditLog.AnyAsync(a => a.Action == "order.fulfilling" && a.EntityId == order.OrderId.ToString() && a.Actor == FulfilmentService.SystemActor));
    }

    [Fact]
    public async Task HandleAsync_WhenTheSameMessageIsDeliveredTwiceAndConcurrently_MovesTheOrderOnce()
    {
        var (_, _, order) = await PaidOrderSplitAcrossLocationsAsync(skip: 31);
        var message = await OrderPaidMessageAsync(order.OrderId);
        await using var services = Services();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => HandleAsync(services, message)));
        await HandleAsync(services, message);

        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        var saved = await context.Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Id == order.OrderId);
        Assert.Equal(OrderStatus.Fulfilling, saved.Status);
        Assert.Single(saved.History, h => h.To == OrderStatus.Fulfilling);
        Assert.Equal(2, await context.PickLists.CountAsync(p => p.OrderId == order.OrderId));
    }

    [Fact]
    public async Task HandleAsync_WhenStaffStartedFulfilmentFirst_ChangesNothingAndKeepsTheirPickLists()
    {
        var (_, _, order) = await PaidOrderSplitAcrossLocationsAsync(skip: 32);
        await using (var scope = db.Scope())
        {
            Assert.True((await db.Get<OrderAdminService>(scope).StartFulfilmentAsync(order.OrderId, "staff@store.local")).IsSuccess);
        }

        await using var services = Services();
        await HandleAsync(services, await OrderPaidMessageAsync(order.OrderId));

        await using var check = db.Scope();
        var detail = (await db.Get<OrderQueries>(check).DetailAsync(order.OrderId))!;
        Assert.Equal("staff@store.local", Assert.Single(detail.Timeline, t => t.To == OrderStatus.Fulfilling).Actor);
        Assert.Equal(2, detail.PickLists.Count);
    }

    [Fact]
    public async Task HandleAsync_WhenTheStoreTurnedAutoFulfilOff_LeavesThePaidOrderForStaff()
    {
        var (_, _, order) = await PaidOrderSplitAcrossLocationsAsync(skip: 33);
        await using var services = Services(new() { ["Store:Fulfilment:AutoFulfil"] = "false" });

        await HandleAsync(services, await OrderPaidMessageAsync(order.OrderId));

        await using var check = db.Scope();
        var detail = (await db.Get<OrderQueries>(check).DetailAsync(order.OrderId))!;
        Assert.Equal(OrderStatus.Paid, detail.Status);
        Assert.Empty(detail.PickLists);
    }

    private ServiceProvider Services(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Store:Email:PickupFolder"] = mail };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return TestDatabase.Services(db.DatabaseName, all);
    }

    private static async Task HandleAsync(ServiceProvider services, OutboxMessage message)
    {
        await using var scope = services.CreateAsyncScope();
        var handler = Assert.Single(scope.ServiceProvider.GetServices<IOutboxHandler>(), h => h is AutoFulfilmentHandler);
        await handler.HandleAsync(message, CancellationToken.None);
    }

    private async Task<OutboxMessage> OrderPaidMessageAsync(Guid orderId)
    {
        await using var scope = db.Scope();
        var messages = await db.Get<StoreDbContext>(scope).OutboxMessages.AsNoTracking().Where(m => m.Type == "order.paid").ToListAsync();
        return Assert.Single(messages, m => JsonSerializer.Deserialize<JsonElement>(m.Payload, Store.Infrastructure.Outbox.Outbox.Json).GetProperty("orderId").GetGuid() == orderId);
    }

    /// <summary>4 units paid for, taken 2 from the first location (its whole stock) and 2 from the second.</summary>
    private async Task<(int VariantId, IReadOnlyList<int> Locations, PlacedOrder Order)> PaidOrderSplitAcrossLocationsAsync(int skip)
    {
        int variantId;
        List<int> locations;
        await using (var scope = db.Scope())
        {
            var context = db.Get<StoreDbContext>(scope);
            variantId = await context.Variants.OrderBy(v => v.Id).Skip(skip).Select(v => v.Id).FirstAsync();
            locations = await context.Locations.OrderBy(l => l.Priority).Select(l => l.Id).ToListAsync();
            var inventory = db.Get<InventoryService>(scope);
            for (var i = 0; i < locations.Count; i++)
            {
                Assert.True((await inventory.SetOnHandAsync(variantId, locations[i], i switch { 0 => 2, 1 => 5, _ => 0 }, "test", "Test setup")).IsSuccess);
            }
        }

        var order = await StoreScenario.PlaceAsync(db, await StoreScenario.GuestCartWithAsync(db, variantId, 4));
        await using var pay = db.Scope();
        var payments = db.Get<PaymentService>(pay);
        var payment = (await payments.StartAsync(order.OrderId, null)).Value;
        Assert.True((await payments.CompleteTestPaymentAsync(payment.Id, "4242424242424242", "12/30", "123")).IsSuccess);
        return (variantId, locations, order);
    }
}
