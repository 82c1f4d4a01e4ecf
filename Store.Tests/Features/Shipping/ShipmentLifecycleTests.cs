using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Domain.Shipping;
using Store.Infrastructure.Data;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Shipping;
using Store.Tests.Support;

namespace Store.Tests.Features.Shipping;

public class ShipmentLifecycleTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string Staff = "staff@store.local";

    [Fact]
    public async Task Events_FromFulfilmentToDelivery_MoveTheOrderAndShowOnTheTrackingPage()
    {
        var (_, order) = await PaidOrderScenario.PaidOrderAsync(db, skip: 6);
        await using var scope = db.Scope();
        var admin = db.Get<OrderAdminService>(scope);

        Assert.True((await admin.StartFulfilmentAsync(order.OrderId, Staff)).IsSuccess);
        Assert.True((await admin.ShipAsync(order.OrderId, Staff)).IsSuccess);
        Assert.True((await admin.RecordShipmentEventAsync(order.OrderId, ShipmentEventKind.InTransit, "Memphis, TN", null, Staff)).IsSuccess);
        Assert.True((await admin.RecordShipmentEventAsync(order.OrderId, ShipmentEventKind.Delivered, "Portland, ME", "Left with neighbour", Staff)).IsSuccess);

        var detail = (await db.Get<OrderQueries>(scope).DetailAsync(order.OrderId))!;
        Assert.Equal(OrderStatus.Delivered, detail.Status);
        Assert.Equal(
            [ShipmentEventKind.LabelCreated, ShipmentEventKind.Shipped, ShipmentEventKind.InTransit, ShipmentEventKind.Delivered],
            detail.Shipment!.Events.Select(e => e.Kind));
        Assert.Equal(detail.Shipment.TrackingNumber, detail.TrackingNumber);

        var tracking = (await db.Get<TrackingQueries>(scope).FindAsync(detail.Shipment.TrackingNumber.ToLowerInvariant()))!;
        Assert.Equal(ShipmentEventKind.Delivered, tracking.Status);
        Assert.Equal(("Portland", "US"), (tracking.City, tracking.Country));
        Assert.Equal("Portland, ME", tracking.Events[0].Location);
        Assert.Equal(4, tracking.Events.Count);
    }

    [Fact]
    public async Task StartFulfilment_Twice_KeepsOneShipmentAndItsTrackingNumber()
    {
        var (_, order) = await PaidOrderScenario.PaidOrderAsync(db, skip: 7);
        await using var scope = db.Scope();
        var admin = db.Get<OrderAdminService>(scope);

        Assert.True((await admin.StartFulfilmentAsync(order.OrderId, Staff)).IsSuccess);
        Assert.False((await admin.StartFulfilmentAsync(order.OrderId, Staff)).IsSuccess);

        Assert.Equal(1, await db.Get<StoreDbContext>(scope).Shipments.CountAsync(s => s.OrderId == order.OrderId));
    }

    [Fact]
    public async Task RecordShipmentEvent_DeliveredBeforeShipped_IsRefusedAndChangesNothing()
    {
        var (_, order) = await PaidOrderScenario.PaidOrderAsync(db, skip: 8);
        await using var scope = db.Scope();
        var admin = db.Get<OrderAdminService>(scope);
        Assert.True((await admin.StartFulfilmentAsync(order.OrderId, Staff)).IsSuccess);

        var result = await admin.RecordShipmentEventAsync(order.OrderId, ShipmentEventKind.Delivered, null, null, Staff);

        Assert.Equal("shipment.event", result.Error!.Code);
        var detail = (await db.Get<OrderQueries>(scope).DetailAsync(order.OrderId))!;
        Assert.Equal(OrderStatus.Fulfilling, detail.Status);
        Assert.Equal([ShipmentEventKind.LabelCreated], detail.Shipment!.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task Ship_ConcurrentlyByTwoStaff_ShipsOnceWithOneEmail()
    {
        var (_, order) = await PaidOrderScenario.PaidOrderAsync(db, skip: 9);
        await using (var scope = db.Scope())
        {
            Assert.True((await db.Get<OrderAdminService>(scope).StartFulfilmentAsync(order.OrderId, Staff)).IsSuccess);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var scope = db.Scope();
            return await db.Get<OrderAdminService>(scope).ShipAsync(order.OrderId, Staff);
        }));

        Assert.Single(results, r => r.IsSuccess);
        await using var check = db.Scope();
        var context = db.Get<StoreDbContext>(check);
        var shippedMessages = await context.OutboxMessages.AsNoTracking().Where(m => m.Type == "order.shipped").ToListAsync();
        Assert.Single(shippedMessages, m => m.Payload.Contains(order.OrderId.ToString(), StringComparison.Ordinal));
        var shipment = await context.Shipments.Include(s => s.Events).AsNoTracking().SingleAsync(s => s.OrderId == order.OrderId);
        Assert.Single(shipment.Events, e => e.Kind == ShipmentEventKind.Shipped);
    }

    [Fact]
    public async Task FindAsync_WhenTheNumberIsUnknownOrMalformed_IsNull()
    {
        await using var scope = db.Scope();
        var tracking = db.Get<TrackingQueries>(scope);

        Assert.Null(await tracking.FindAsync(TrackingNumbers.New("UPS")));
        Assert.Null(await tracking.FindAsync("not-a-number"));
    }
}
