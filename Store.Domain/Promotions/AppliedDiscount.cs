using Store.Domain.Common;

namespace Store.Domain.Promotions;

/// <summary>
/// One promotion's discount on one line, or on shipping when <see cref="LineKey"/> is null, with the text to show
/// and keep on the order item ("SAVE10: 10 % off").
/// </summary>
public sealed record AppliedDiscount(string PromotionId, string? LineKey, Money Amount, string Explanation);
