namespace Store.Domain.Shipping;

/// <summary>One line of a parcel's tracking history. <see cref="Location"/> is a place name ("Memphis, TN"), never an address.</summary>
public sealed class ShipmentEvent
{
    public const int MaxCarrierCodeLength = 40;

    private ShipmentEvent()
    {
    }

    internal ShipmentEvent(Guid shipmentId, ShipmentEventKind kind, string? location, string? note, string actor, DateTimeOffset at, string? carrierCode = null)
    {
        CarrierCode = carrierCode;
        ShipmentId = shipmentId;
        Kind = kind;
        Location = location;
        Note = note;
        Actor = actor;
        At = at;
    }

    public long Id { get; private set; }
    public Guid ShipmentId { get; private set; }
    public ShipmentEventKind Kind { get; private set; }
    public string? Location { get; private set; }
    public string? Note { get; private set; }

    /// <summary>Who recorded it (staff, or a carrier feed later); shown to staff, not on the public tracking page.</summary>
    public string Actor { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    /// <summary>The carrier's own status code of a scan from its tracking feed (with <see cref="At"/>, what makes a scan the same scan); null otherwise.</summary>
    public string? CarrierCode { get; private set; }
}
