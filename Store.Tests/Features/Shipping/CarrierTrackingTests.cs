using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Domain.Shipping;
using Store.Infrastructure.Data;
using Store.Infrastructure.Shipping;
using Store.Infrastructure.Shipping.Carriers;
using Store.Tests.Support;

namespace Store.Tests.Features.Shipping;

/// <summary>
/// The tracking job's work against the local UPS double and the real PostgreSQL: UPS's activity (newest first, as its
/// Tracking API lists it) pulled into the shipment, the order and the public tracking page.
/// </summary>
public class CarrierTrackingTests(UpsFixture fixture) : IClassFixture<UpsFixture>
{
    // After the labels are made (the tracking page lists by time), in whole seconds as UPS gives them.
    private static readonly DateTimeOffset Pickup = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddMinutes(5);

    private UpsTestDouble Ups => fixture.Ups;

    [Fact]
    public async Task PollAsync_WithUpsScans_PutsThemOnTheTrackingPageShipsTheOrderAndAReplayAddsNothing()
    {
        var (orderId, number) = await LabelledAsync("78741");
        Ups.Activities[number] =
        [
            UpsTestDouble.Activity(Pickup.AddHours(30), "I", "OT", "Out For Delivery Today", "Austin"),
            UpsTestDouble.Activity(Pickup.AddHours(8), "I", "AR", "Arrived at Facility", "Memphis"),
            UpsTestDouble.Activity(Pickup, "P", "PU", "Pickup Scan", "Portland"),
            UpsTestDouble.Activity(Pickup.AddHours(-2), "M", "MP", "Shipper created a label, UPS has not received the package yet.", "Portland"),
        ];

        var run = await PollAsync();

        Assert.Equal(3, run.Added);
        var page = await TrackingPageAsync(number);
        Assert.Equal(ShipmentEventKind.OutForDelivery, page.Status);
        Assert.Equal(
            [ShipmentEventKind.OutForDelivery, ShipmentEventKind.InTransit, ShipmentEventKind.Shipped, ShipmentEventKind.LabelCreated],
            page.Events.Select(e => e.Kind));
        Assert.Equal(("Memphis, TN, US", "Arrived at Facility", Pickup.AddHours(8)), (page.Events[1].Location, page.Events[1].Note, page.Events[1].At));
        await using (var scope = fixture.Scope())
        {
            var db = fixture.Get<StoreDbContext>(scope);
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
            Assert.Equal((OrderStatus.Shipped, number, "UPS"), (order.Status, order.TrackingNumber, order.Carrier));
            var shipped = await db.OutboxMessages.AsNoTracking().Where(m => m.Type == "order.shipped").Select(m => m.Payload).ToListAsync();
            Assert.Single(shipped, p => p.Contains(number, StringComparison.Ordinal));
        }

        var replay = await PollAsync();

        Assert.Equal(0, replay.Added);
        Assert.Equal(page.Events.Count, (await TrackingPageAsync(number)).Events.Count);
    }

    [Fact]
    public async Task PollAsync_WhenUpsSaysDelivered_DeliversTheOrderAndStopsAskingAboutIt()
    {
        var (orderId, number) = await LabelledAsync("78742");
        Ups.Activities[number] =
        [
            UpsTestDouble.Activity(Pickup.AddHours(40), "D", "KB", "Delivered", "Austin"),
            UpsTestDouble.Activity(Pickup.AddHours(8), "I", "DP", "Departed from Facility", "Memphis"),
        ];

        await PollAsync();
        var asked = Ups.TrackRequestsFor(number);
        await PollAsync();

        Assert.Equal(1, asked);
        Assert.Equal(asked, Ups.TrackRequestsFor(number));
        var page = await TrackingPageAsync(number);
        Assert.Equal(ShipmentEventKind.Delivered, page.Status);

        // UPS never scanned a pickup here: the first scan is when the parcel was handed over.
        Assert.Equal(
            [ShipmentEventKind.Delivered, ShipmentEventKind.InTransit, ShipmentEventKind.Shipped, ShipmentEventKind.LabelCreated],
            page.Events.Select(e => e.Kind));
        await using var scope = fixture.Scope();
        Assert.Equal(OrderStatus.Delivered, (await fixture.Get<StoreDbContext>(scope).Orders.AsNoTracking().SingleAsync(o => o.Id == orderId)).Status);
    }

    [Fact]
    public async Task PollAsync_WhenUpsFailsForOneParcel_FollowsTheOthersAndTheAdminSeesWhy()
    {
        var (_, failing) = await LabelledAsync("78743");
        var (_, fine) = await LabelledAsync("78744");
        Ups.FailingNumbers[failing] = true;
        Ups.Activities[fine] = [UpsTestDouble.Activity(Pickup, "P", "PU", "Pickup Scan", "Portland")];

        var run = await PollAsync();

        Assert.True(run.Failed >= 1, $"{run}");
        Assert.Equal(ShipmentEventKind.Shipped, (await TrackingPageAsync(fine)).Status);
        Assert.Equal(ShipmentEventKind.LabelCreated, (await TrackingPageAsync(failing)).Status);
        var health = fixture.Get<CarrierHealth>(fixture.Scope()).StatusOf("ups");
        Assert.Contains($"Tracking {failing}: HTTP 500", health.LastError, StringComparison.Ordinal);
        Assert.NotNull(health.LastSuccessAt);
    }

    [Fact]
    public async Task PollAsync_WhenUpsIsRateLimiting_AddsNothingAndRecordsTheRefusal()
    {
        var (_, number) = await LabelledAsync("78745");
        Ups.Activities[number] = [UpsTestDouble.Activity(Pickup, "P", "PU", "Pickup Scan", "Portland")];
        Ups.TrackMode = UpsTestDouble.Behaviour.RateLimited;
        try
        {
            var run = await PollAsync();

            Assert.Equal(0, run.Added);
            Assert.Equal(ShipmentEventKind.LabelCreated, (await TrackingPageAsync(number)).Status);
            Assert.Contains("HTTP 429", fixture.Get<CarrierHealth>(fixture.Scope()).StatusOf("ups").LastError, StringComparison.Ordinal);
        }
        finally
        {
            Ups.TrackMode = UpsTestDouble.Behaviour.Answer;
        }

        Assert.Equal(1, (await PollAsync()).Added);
    }

    private async Task<CarrierTrackingRun> PollAsync()
    {
        await using var scope = fixture.Scope();
        return await fixture.Get<CarrierTrackingService>(scope).PollAsync();
    }

    private async Task<TrackingView> TrackingPageAsync(string number)
    {
        await using var scope = fixture.Scope();
        var view = await fixture.Get<TrackingQueries>(scope).FindAsync(number);
        Assert.NotNull(view);
        return view;
    }

    private async Task<(Guid OrderId, string TrackingNumber)> LabelledAsync(string postalCode)
    {
        var orderId = await CarrierOrderScenario.FulfillingAsync(fixture, postalCode);
        await using var scope = fixture.Scope();
        var bought = await fixture.Get<CarrierLabelService>(scope).BuyAsync(orderId, CarrierOrderScenario.Staff);
        Assert.True(bought.IsSuccess, bought.Error?.Message);
        return (orderId, bought.Value.TrackingNumber);
    }
}
