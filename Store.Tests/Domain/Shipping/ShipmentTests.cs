using Store.Domain.Shipping;

namespace Store.Tests.Domain.Shipping;

public class ShipmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static Shipment NewShipment() =>
        Shipment.Create(Guid.NewGuid(), Guid.NewGuid(), "UPS", "Ground", TrackingNumbers.New("UPS"), 1200, "staff", Now).Value;

    [Fact]
    public void Create_WhenValid_StartsWithALabelCreatedEvent()
    {
        var shipment = NewShipment();

        Assert.Equal(ShipmentEventKind.LabelCreated, shipment.Status);
        Assert.Equal([ShipmentEventKind.LabelCreated], shipment.Events.Select(e => e.Kind));
    }

    [Theory]
    [InlineData("", "Ground", "UP1234567890123452", 100, "shipment.service")]
    [InlineData("UPS", "Ground", "UP1234567890123453", 100, "shipment.tracking")]
    [InlineData("UPS", "Ground", "UP1234567890123452", -1, "shipment.weight")]
    public void Create_WhenAFieldIsWrong_IsRefused(string carrier, string service, string tracking, long grams, string code)
    {
        var result = Shipment.Create(Guid.NewGuid(), Guid.NewGuid(), carrier, service, tracking, grams, "staff", Now);

        Assert.Equal(code, result.Error!.Code);
    }

    [Fact]
    public void Record_InOrder_WalksFromShippedThroughScansToDelivered()
    {
        var shipment = NewShipment();

        Assert.True(shipment.Record(ShipmentEventKind.Shipped, "Portland, OR", null, "staff", Now.AddHours(1)).IsSuccess);
        Assert.True(shipment.Record(ShipmentEventKind.InTransit, "Memphis, TN", null, "staff", Now.AddHours(9)).IsSuccess);
        Assert.True(shipment.Record(ShipmentEventKind.InTransit, "Hartford, CT", null, "staff", Now.AddHours(20)).IsSuccess);
        Assert.True(shipment.Record(ShipmentEventKind.OutForDelivery, "Portland, ME", null, "staff", Now.AddHours(30)).IsSuccess);
        Assert.True(shipment.Record(ShipmentEventKind.Delivered, "Portland, ME", "Left at front door", "staff", Now.AddHours(33)).IsSuccess);

        Assert.Equal(ShipmentEventKind.Delivered, shipment.Status);
        Assert.Equal(6, shipment.Events.Count);
    }

    [Theory]
    [InlineData(ShipmentEventKind.InTransit)]
    [InlineData(ShipmentEventKind.Delivered)]
    [InlineData(ShipmentEventKind.LabelCreated)]
    public void Record_BeforeShipping_IsRefused(ShipmentEventKind kind)
    {
        var shipment = NewShipment();

        Assert.Equal("shipment.event", shipment.Record(kind, null, null, "staff", Now).Error!.Code);
        Assert.Single(shipment.Events);
    }

    [Theory]
    [InlineData(ShipmentEventKind.Shipped)]
    [InlineData(ShipmentEventKind.InTransit)]
    [InlineData(ShipmentEventKind.Delivered)]
    public void Record_AfterDelivery_IsRefused(ShipmentEventKind kind)
    {
        var shipment = NewShipment();
        shipment.Record(ShipmentEventKind.Shipped, null, null, "staff", Now);
        shipment.Record(ShipmentEventKind.Delivered, null, null, "staff", Now);

        Assert.False(shipment.Record(kind, null, null, "staff", Now).IsSuccess);
        Assert.Equal(ShipmentEventKind.Delivered, shipment.Status);
    }

    [Fact]
    public void Record_WhenTheLocationIsTooLong_IsRefused()
    {
        var shipment = NewShipment();
        shipment.Record(ShipmentEventKind.Shipped, null, null, "staff", Now);

        Assert.Equal("shipment.event", shipment.Record(ShipmentEventKind.InTransit, new string('x', Shipment.MaxLocationLength + 1), null, "staff", Now).Error!.Code);
    }
}
