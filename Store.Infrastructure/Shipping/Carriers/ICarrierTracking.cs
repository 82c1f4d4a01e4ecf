using Store.Domain.Shipping;

namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>A carrier whose tracking API the store polls for its open shipments (a Quartz job) into the shipment's events.</summary>
public interface ICarrierTracking : IShippingCarrier
{
    /// <summary>Every scan the carrier knows for the number, oldest first; throws on a transport or provider error.</summary>
    Task<IReadOnlyList<CarrierTrackingEvent>> TrackAsync(string trackingNumber, CancellationToken ct);
}

/// <summary>One carrier scan mapped onto the store's steps; <see cref="CarrierCode"/> keeps the carrier's own status code.</summary>
public sealed record CarrierTrackingEvent(DateTimeOffset OccurredAt, ShipmentEventKind Kind, string CarrierCode, string? Description, string? Location);
