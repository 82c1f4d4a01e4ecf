using Store.Domain.Common;

namespace Store.Domain.Shipping;

/// <summary>
/// A carrier service offered in one zone ("UPS Ground", "USPS Priority"). For a flat rate <see cref="FlatPrice"/> is
/// the price; for a table the first bracket whose bound covers the value wins, and a parcel beyond the last bracket
/// cannot go by this method. <see cref="FreeOver"/> makes it free when the subtotal reaches the threshold (inclusive).
/// </summary>
public sealed record ShippingMethod(
    string Id,
    string Carrier,
    string Service,
    string ZoneId,
    RateKind Kind,
    Money FlatPrice,
    IReadOnlyList<RateBracket> Brackets,
    Money? FreeOver,
    DeliveryEstimate Estimate);
