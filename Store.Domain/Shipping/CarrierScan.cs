namespace Store.Domain.Shipping;

/// <summary>One scan of a carrier's tracking feed, mapped onto the store's steps; <see cref="Code"/> is the carrier's own status code.</summary>
public sealed record CarrierScan(DateTimeOffset At, ShipmentEventKind Kind, string Code, string? Description, string? Location);
