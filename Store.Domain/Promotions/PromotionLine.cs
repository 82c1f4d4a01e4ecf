using Store.Domain.Common;

namespace Store.Domain.Promotions;

/// <summary>A cart line as promotions see it: what it is and what it costs before any discount.</summary>
public sealed record PromotionLine(string Key, int ProductId, int? CategoryId, Money UnitPrice, int Quantity)
{
    public Money Gross => UnitPrice.Times(Quantity);
}
