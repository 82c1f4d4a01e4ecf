namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>What a rate depends on: where from, where to, and the packed weight (variant weights × quantities).</summary>
public sealed record CarrierParcel(CarrierAddress From, CarrierAddress To, long WeightGrams, string Currency);
