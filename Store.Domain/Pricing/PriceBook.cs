namespace Store.Domain.Pricing;

/// <summary>Everything the engine may consult besides the variant itself: price lists and dynamic rules.</summary>
public sealed record PriceBook(
    IReadOnlyList<SalePrice> Sales,
    IReadOnlyList<CustomerGroupPrice> GroupPrices,
    IReadOnlyList<QuantityTier> Tiers,
    IReadOnlyList<MarkdownRule> Markdowns)
{
    public static PriceBook Empty { get; } = new([], [], [], []);

    /// <summary>Markdowns started by the markdown job; they compete like any other source and respect the floor.</summary>
    public IReadOnlyList<ActiveMarkdown> ActiveMarkdowns { get; init; } = [];
}
