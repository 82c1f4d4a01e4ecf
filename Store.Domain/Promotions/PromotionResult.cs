using Store.Domain.Common;

namespace Store.Domain.Promotions;

/// <summary>The discounts that apply and the codes that did not, each with a reason the shopper can read.</summary>
public sealed record PromotionResult(string Currency, IReadOnlyList<AppliedDiscount> Discounts, IReadOnlyList<DomainError> RejectedCodes)
{
    public Money DiscountFor(string lineKey) => Sum(Discounts.Where(d => d.LineKey == lineKey));

    public Money ShippingDiscount => Sum(Discounts.Where(d => d.LineKey is null));

    public Money Total => Sum(Discounts);

    private Money Sum(IEnumerable<AppliedDiscount> discounts) => discounts.Aggregate(Money.Zero(Currency), (sum, d) => sum + d.Amount);
}
