using Store.Domain.Common;

namespace Store.Domain.Shipping;

/// <summary>
/// The parcel an order leaves in: carrier and service from the order's shipping method, a tracking number, the
/// packed weight, and its tracking history. Events only move forward: a label, then shipped, then any number of
/// in-transit or out-for-delivery scans, then delivered, after which nothing more happens to it.
/// </summary>
public sealed class Shipment
{
    public const int MaxLocationLength = 100;
    public const int MaxNoteLength = 300;

    private readonly List<ShipmentEvent> _events = [];

    private Shipment()
    {
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public string Carrier { get; private set; } = "";
    public string Service { get; private set; } = "";
    public string TrackingNumber { get; private set; } = "";
    public long WeightGrams { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public ShipmentEventKind Status { get; private set; }

    /// <summary>The carrier whose label the parcel carries ("ups"), whose tracking feed it then follows; null for the store's own label.</summary>
    public string? CarrierCode { get; private set; }
    public IReadOnlyList<ShipmentEvent> Events => _events;

    public static Result<Shipment> Create(Guid id, Guid orderId, string carrier, string service, string trackingNumber, long weightGrams, string actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(service))
        {
            return DomainError.Invalid("shipment.service", "A shipment needs a carrier and a service.");
        }

        if (!TrackingNumbers.IsWellFormed(trackingNumber))
        {
            return DomainError.Invalid("shipment.tracking", "The tracking number is not well formed.");
        }

        if (weightGrams < 0)
        {
            return DomainError.Invalid("shipment.weight", "A parcel cannot weigh less than nothing.");
        }

        var shipment = new Shipment
        {
            Id = id,
            OrderId = orderId,
            Carrier = carrier.Trim(),
            Service = service.Trim(),
            TrackingNumber = trackingNumber,
            WeightGrams = weightGrams,
            CreatedAt = now,
            Status = ShipmentEventKind.LabelCreated,
        };
        shipment._events.Add(new ShipmentEvent(id, ShipmentEventKind.LabelCreated, null, null, actor, now));
        return shipment;
    }

    public static bool CanRecord(ShipmentEventKind status, ShipmentEventKind kind) => kind switch
    {
        ShipmentEventKind.Shipped => status == ShipmentEventKind.LabelCreated,
        ShipmentEventKind.InTransit or ShipmentEventKind.OutForDelivery or ShipmentEventKind.Delivered =>
            status is ShipmentEventKind.Shipped or ShipmentEventKind.InTransit or ShipmentEventKind.OutForDelivery,
        _ => false,
    };

    public Result<bool> Record(ShipmentEventKind kind, string? location, string? note, string actor, DateTimeOffset at)
    {
        if (!CanRecord(Status, kind))
        {
            return DomainError.Conflict("shipment.event", $"A parcel that is {Describe(Status).ToLowerInvariant()} cannot become {Describe(kind).ToLowerInvariant()}.");
        }

        location = string.IsNullOrWhiteSpace(location) ? null : location.Trim();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (location?.Length > MaxLocationLength || note?.Length > MaxNoteLength)
        {
            return DomainError.Invalid("shipment.event", $"A location is at most {MaxLocationLength} characters and a note at most {MaxNoteLength}.");
        }

        _events.Add(new ShipmentEvent(Id, kind, location, note, actor, at));
        Status = kind;
        return true;
    }

    /// <summary>
    /// The parcel gets a carrier's bought label: the carrier's tracking number replaces the store's. Only before it
    /// leaves (the number is on the box) and once: a second label would be a second parcel paid for.
    /// </summary>
    public Result<bool> UseCarrierLabel(string carrierCode, string trackingNumber)
    {
        if (CarrierCode is not null)
        {
            return DomainError.Conflict("shipment.carrier_label", $"This parcel already has a {CarrierCode.ToUpperInvariant()} label.");
        }

        if (Status != ShipmentEventKind.LabelCreated)
        {
            return DomainError.Conflict("shipment.carrier_label", "A carrier label is bought before the parcel leaves.");
        }

        var number = trackingNumber.Trim().ToUpperInvariant();
        if (string.IsNullOrWhiteSpace(carrierCode) || !TrackingNumbers.IsCarrierNumber(number))
        {
            return DomainError.Invalid("shipment.tracking", "The carrier's tracking number is not well formed.");
        }

        CarrierCode = carrierCode.Trim().ToLowerInvariant();
        TrackingNumber = number;
        return true;
    }

    /// <summary>
    /// One scan from the carrier's tracking feed. A scan already recorded (same carrier code and time) adds nothing, so
    /// a feed polled again is harmless; nothing is added once delivered. The first scan after the label means the
    /// carrier has the parcel: "shipped" is recorded with it if the carrier did not say so itself. A late scan of an
    /// earlier step is kept in the history but never moves the status back. Returns whether anything was added.
    /// </summary>
    public bool FollowCarrier(CarrierScan scan, string actor)
    {
        if (Status == ShipmentEventKind.Delivered || scan.Kind == ShipmentEventKind.LabelCreated || string.IsNullOrWhiteSpace(scan.Code))
        {
            return false;
        }

        var code = Clip(scan.Code.Trim(), ShipmentEvent.MaxCarrierCodeLength)!;
        if (_events.Any(e => e.CarrierCode == code && e.At == scan.At))
        {
            return false;
        }

        var location = Clip(scan.Location, MaxLocationLength);
        var note = Clip(scan.Description, MaxNoteLength);
        if (Status == ShipmentEventKind.LabelCreated && scan.Kind != ShipmentEventKind.Shipped)
        {
            _events.Add(new ShipmentEvent(Id, ShipmentEventKind.Shipped, location, "Handed to the carrier", actor, scan.At));
            Status = ShipmentEventKind.Shipped;
        }

        _events.Add(new ShipmentEvent(Id, scan.Kind, location, note, actor, scan.At, code));
        if (scan.Kind > Status)
        {
            Status = scan.Kind;
        }

        return true;
    }

    // Carriers' texts have no length limit of ours; cut rather than refuse a scan that really happened.
    private static string? Clip(string? text, int max)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > max ? trimmed[..max] : trimmed;
    }

    public static string Describe(ShipmentEventKind kind) => kind switch
    {
        ShipmentEventKind.LabelCreated => "Label created",
        ShipmentEventKind.Shipped => "Shipped",
        ShipmentEventKind.InTransit => "In transit",
        ShipmentEventKind.OutForDelivery => "Out for delivery",
        ShipmentEventKind.Delivered => "Delivered",
        _ => kind.ToString(),
    };
}
