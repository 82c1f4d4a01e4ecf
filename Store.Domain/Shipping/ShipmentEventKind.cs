namespace Store.Domain.Shipping;

/// <summary>The steps a parcel goes through, in the order they may happen.</summary>
public enum ShipmentEventKind
{
    LabelCreated = 0,
    Shipped = 1,
    InTransit = 2,
    OutForDelivery = 3,
    Delivered = 4,
}
