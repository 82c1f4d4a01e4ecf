namespace Store.Domain.Pricing;

/// <summary>Everything the engine may consult besides the variant itself: price lists and dynamic rules.</summary>
public sealed record PriceBook(
    IReadOnlyList<SalePrice> Sales,
    IReadOnlyList<CustomerGroupPrice> GroupPrices,
    IReadOnlyList<QuantityTier> Tiers,
    IReadOnlyList<MarkdownRule> Markdowns)
{
    public static PriceBook Empty { get; } = new([], [], [], []);
}
