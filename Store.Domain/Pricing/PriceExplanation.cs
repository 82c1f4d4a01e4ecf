using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>
/// Why a unit price is what it is ("Sale −20 % until 30 Nov"), kept as data so the cart line and the order item can
/// store it and show it again later exactly as the shopper saw it.
/// </summary>
public sealed record PriceExplanation(PriceSource Source, string Text, Money Was, DateTimeOffset? Until = null);
