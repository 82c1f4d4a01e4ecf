using Store.Domain.Common;

namespace Store.Domain.Shipping;

/// <summary>
/// What a rate depends on. <see cref="Subtotal"/> is the merchandise subtotal before promotions, so a price table or a
/// free-shipping threshold does not move when a code is applied and the promotion evaluation never loops back on the
/// shipping price.
/// </summary>
public sealed record ShippingRequest(string Country, string? Region, string? PostalCode, long WeightGrams, Money Subtotal);
