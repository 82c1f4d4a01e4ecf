namespace Store.Infrastructure.Shipping;

/// <summary>
/// A label bought from a carrier for a shipment, as printed: its own table so reading shipments never drags the bytes
/// along. One per shipment (the key), so a second purchase for the same parcel cannot be saved.
/// </summary>
public sealed class StoredCarrierLabel
{
    private StoredCarrierLabel()
    {
    }

    public StoredCarrierLabel(Guid shipmentId, string carrier, string serviceCode, string trackingNumber, string format, byte[] content, long? chargedMinor, string? currency, string boughtBy, DateTimeOffset boughtAt)
    {
        ShipmentId = shipmentId;
        Carrier = carrier;
        ServiceCode = serviceCode;
        TrackingNumber = trackingNumber;
        Format = format;
        Content = content;
        ChargedMinor = chargedMinor;
        Currency = currency;
        BoughtBy = boughtBy;
        BoughtAt = boughtAt;
    }

    public Guid ShipmentId { get; private set; }

    /// <summary>The carrier's code ("ups").</summary>
    public string Carrier { get; private set; } = "";
    public string ServiceCode { get; private set; } = "";
    public string TrackingNumber { get; private set; } = "";

    /// <summary>"pdf" (images are turned into a 4 × 6 PDF when bought) or a printer language such as "zpl".</summary>
    public string Format { get; private set; } = "";
    public byte[] Content { get; private set; } = [];

    /// <summary>What the carrier said the label costs the store, in minor units of <see cref="Currency"/>, when it said.</summary>
    public long? ChargedMinor { get; private set; }
    public string? Currency { get; private set; }
    public string BoughtBy { get; private set; } = "";
    public DateTimeOffset BoughtAt { get; private set; }
}
