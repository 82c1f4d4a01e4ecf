using Store.Domain.Common;

namespace Store.Domain.Promotions;

/// <summary>A snapshot of the cart for promotion evaluation: lines, the shipping price quoted, codes entered, and now.</summary>
public sealed record PromotionCart(string Currency, IReadOnlyList<PromotionLine> Lines, Money Shipping, IReadOnlyCollection<string> Codes, DateTimeOffset Now)
{
    public Money Subtotal => Lines.Aggregate(Money.Zero(Currency), (sum, l) => sum + l.Gross);
}
