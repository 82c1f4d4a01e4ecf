namespace Store.Domain.Promotions;

/// <summary>What a promotion applies to: listed products, listed categories, or (both empty) the whole order.</summary>
public sealed record PromotionTarget(IReadOnlyList<int> ProductIds, IReadOnlyList<int> CategoryIds)
{
    public static PromotionTarget WholeOrder { get; } = new([], []);

    public static PromotionTarget Products(params int[] ids) => new(ids, []);

    public static PromotionTarget Categories(params int[] ids) => new([], ids);

    public bool IsWholeOrder => ProductIds.Count == 0 && CategoryIds.Count == 0;

    public bool Matches(PromotionLine line) =>
        IsWholeOrder || ProductIds.Contains(line.ProductId) || (line.CategoryId is { } category && CategoryIds.Contains(category));
}
