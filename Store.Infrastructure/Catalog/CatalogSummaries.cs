using Store.Domain.Pricing;

namespace Store.Infrastructure.Catalog;

public sealed record CategorySummary(int Id, string Name, string Slug, string Description);

public sealed record ProductSummary(int Id, string Name, string Slug, string Brand, string CategorySlug, long PriceFromMinor, string Currency, bool InStock)
{
    public string ImageUrl => ProductImages.UrlFor(Slug);

    /// <summary>The regular price to strike through when <see cref="PriceFromMinor"/> is reduced; null when it is not.</summary>
    public long? WasMinor { get; init; }

    /// <summary>Where a reduced price came from ("Sale −20 % until 30 Nov"); null for the regular price.</summary>
    public string? PriceNote { get; init; }

    public ProductSummary WithPrice(ResolvedPrice price) => this with
    {
        PriceFromMinor = price.UnitPrice.Minor,
        WasMinor = price.IsReduced ? price.BasePrice.Minor : null,
        PriceNote = price.IsReduced ? price.Explanation.Text : null,
    };
}

public sealed record ProductDetail(
    int Id,
    string Name,
    string Slug,
    string Description,
    string Brand,
    CategorySummary Category,
    string Currency,
    IReadOnlyList<VariantDetail> Variants)
{
    public string ImageUrl => ProductImages.UrlFor(Slug);

    public bool AllowBackorders { get; init; }
}

public sealed record VariantDetail(int Id, string Sku, string Title, string? Size, string? Colour, long PriceMinor, int Available)
{
    /// <summary>The regular price to strike through when <see cref="PriceMinor"/> is reduced; null when it is not.</summary>
    public long? WasMinor { get; init; }

    /// <summary>Where a reduced price came from ("Sale −20 % until 30 Nov"); null for the regular price.</summary>
    public string? PriceNote { get; init; }

    public VariantDetail WithPrice(ResolvedPrice price) => this with
    {
        PriceMinor = price.UnitPrice.Minor,
        WasMinor = price.IsReduced ? price.BasePrice.Minor : null,
        PriceNote = price.IsReduced ? price.Explanation.Text : null,
    };
}

public sealed record ProductListPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}
