using Store.Domain.Shipping;

namespace Store.Tests.Domain.Shipping;

public class ShipmentCarrierTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static Shipment Labelled()
    {
        var shipment = Shipment.Create(Guid.NewGuid(), Guid.NewGuid(), "UPS", "Ground", TrackingNumbers.New("UPS"), 1200, "staff", Now).Value;
        Assert.True(shipment.UseCarrierLabel("ups", "1za1b2c30312345678").IsSuccess);
        return shipment;
    }

    [Fact]
    public void UseCarrierLabel_Once_TakesTheCarriersNumberAndASecondIsRefused()
    {
        var shipment = Labelled();

        Assert.Equal(("1ZA1B2C30312345678", "ups"), (shipment.TrackingNumber, shipment.CarrierCode));
        Assert.False(shipment.UseCarrierLabel("ups", "1ZA1B2C30399999999").IsSuccess);
        Assert.Equal("1ZA1B2C30312345678", shipment.TrackingNumber);
    }

    [Theory]
    [InlineData("1Z 123")]
    [InlineData("12345")]
    [InlineData("1Z<script>00000")]
    public void UseCarrierLabel_WithAMalformedNumber_IsRefused(string number)
    {
        var shipment = Shipment.Create(Guid.NewGuid(), Guid.NewGuid(), "UPS", "Ground", TrackingNumbers.New("UPS"), 1200, "staff", Now).Value;

        Assert.False(shipment.UseCarrierLabel("ups", number).IsSuccess);
        Assert.Null(shipment.CarrierCode);
    }

    [Fact]
    public void UseCarrierLabel_AfterTheParcelLeft_IsRefused()
    {
        var shipment = Shipment.Create(Guid.NewGuid(), Guid.NewGuid(), "UPS", "Ground", TrackingNumbers.New("UPS"), 1200, "staff", Now).Value;
        Assert.True(shipment.Record(ShipmentEventKind.Shipped, null, null, "staff", Now).IsSuccess);

        Assert.False(shipment.UseCarrierLabel("ups", "1ZA1B2C30312345678").IsSuccess);
    }

    [Fact]
    public void FollowCarrier_TheSameScanTwice_IsKeptOnce()
    {
        var shipment = Labelled();
        var scan = new CarrierScan(Now.AddHours(1), ShipmentEventKind.Shipped, "PPU", "Pickup Scan", "Portland, OR, US");

        Assert.True(shipment.FollowCarrier(scan, "UPS tracking"));
        Assert.False(shipment.FollowCarrier(scan with { Description = "Pickup Scan (again)" }, "UPS tracking"));

        Assert.Equal(2, shipment.Events.Count);
    }

    [Fact]
    public void FollowCarrier_ALateScanOfAnEarlierStep_IsKeptButTheStatusNeverGoesBack()
    {
        var shipment = Labelled();
        shipment.FollowCarrier(new CarrierScan(Now.AddHours(30), ShipmentEventKind.OutForDelivery, "IOT", "Out For Delivery Today", null), "UPS tracking");

        Assert.True(shipment.FollowCarrier(new CarrierScan(Now.AddHours(31), ShipmentEventKind.InTransit, "IAR", "Delivery attempted", null), "UPS tracking"));

        Assert.Equal(ShipmentEventKind.OutForDelivery, shipment.Status);
    }

    [Fact]
    public void FollowCarrier_AFirstScanPastThePickup_RecordsThatTheCarrierHasTheParcel()
    {
        var shipment = Labelled();

        shipment.FollowCarrier(new CarrierScan(Now.AddHours(8), ShipmentEventKind.InTransit, "IAR", "Arrived at Facility", "Memphis, TN, US"), "UPS tracking");

        Assert.Equal(
            [ShipmentEventKind.LabelCreated, ShipmentEventKind.Shipped, ShipmentEventKind.InTransit],
            shipment.Events.Select(e => e.Kind));
        Assert.Equal(ShipmentEventKind.InTransit, shipment.Status);
    }

    [Fact]
    public void FollowCarrier_AfterDelivery_AddsNothing()
    {
        var shipment = Labelled();
        shipment.FollowCarrier(new CarrierScan(Now.AddHours(40), ShipmentEventKind.Delivered, "DKB", "Delivered", null), "UPS tracking");

        Assert.False(shipment.FollowCarrier(new CarrierScan(Now.AddHours(41), ShipmentEventKind.InTransit, "IXX", "Scan", null), "UPS tracking"));
        Assert.Equal(ShipmentEventKind.Delivered, shipment.Status);
    }
}
