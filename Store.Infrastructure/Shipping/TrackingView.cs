using Store.Domain.Shipping;

namespace Store.Infrastructure.Shipping;

/// <summary>What the public tracking page may show: the parcel and where it is going to, no name, street or email.</summary>
public sealed record TrackingView(string TrackingNumber, string Carrier, string Service, ShipmentEventKind Status, long WeightGrams, string City, string Country, IReadOnlyList<TrackingEventView> Events);

public sealed record TrackingEventView(ShipmentEventKind Kind, DateTimeOffset At, string? Location, string? Note);
