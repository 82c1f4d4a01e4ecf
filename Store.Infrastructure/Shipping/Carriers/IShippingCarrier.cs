namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>A carrier's API (UPS, USPS, FedEx): live rates for a parcel. Only configured carriers are asked.</summary>
public interface IShippingCarrier
{
    /// <summary>Lower-case code used in method ids ("ups:03") and settings keys.</summary>
    string Code { get; }

    /// <summary>What the shopper and the order see as the carrier ("UPS").</summary>
    string Name { get; }

    bool IsConfigured { get; }

    /// <summary>Rates for every service the carrier offers for this parcel; throws on a transport or provider error.</summary>
    Task<IReadOnlyList<CarrierRate>> RatesAsync(CarrierParcel parcel, CancellationToken ct);
}
