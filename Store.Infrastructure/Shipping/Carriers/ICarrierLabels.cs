namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>
/// A carrier that sells labels (UPS Shipping, FedEx Ship, USPS Labels). The store keeps the bytes with the shipment;
/// <see cref="CarrierLabelRequest.IdempotencyKey"/> is sent to the carrier where its API takes one, and the store
/// never buys twice for one shipment in any case.
/// </summary>
public interface ICarrierLabels : IShippingCarrier
{
    /// <summary>Buys one label; throws on a transport or provider error (nothing is kept then).</summary>
    Task<CarrierLabel> BuyLabelAsync(CarrierLabelRequest request, CancellationToken ct);
}

/// <summary>What a label is bought for: the service the shopper chose (<see cref="CarrierRate.ServiceCode"/>), both full addresses and the parcel.</summary>
public sealed record CarrierLabelRequest(
    string ServiceCode,
    CarrierAddress From,
    CarrierAddress To,
    long WeightGrams,
    string Reference,
    string IdempotencyKey);

/// <summary>The carrier's tracking number and the printable label as the carrier sent it ("pdf", "zpl", "gif" or "png").</summary>
public sealed record CarrierLabel(string TrackingNumber, string Format, byte[] Content, long? ChargedMinor, string? Currency);
