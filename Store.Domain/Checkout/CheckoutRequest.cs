using Store.Domain.Promotions;
using Store.Domain.Tax;

namespace Store.Domain.Checkout;

/// <summary>
/// Everything one totals calculation needs. <see cref="ShippingMethodId"/> null means "not chosen yet" (the cart
/// page): no shipping is charged. Time comes in, so the same request always gives the same totals.
/// </summary>
public sealed record CheckoutRequest(
    string Currency,
    IReadOnlyList<CheckoutLine> Lines,
    Destination Destination,
    string? ShippingMethodId,
    IReadOnlyList<Promotion> Promotions,
    IReadOnlyCollection<string> Codes,
    TaxSettings TaxSettings,
    DateTimeOffset Now);
