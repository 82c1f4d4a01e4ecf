using System.Text.Json.Serialization;

namespace Store.Infrastructure.Catalog;

public sealed record CategorySummary(int Id, string Name, string Slug, string Description);

public sealed record ProductSummary(int Id, string Name, string Slug, string Brand, string CategorySlug, long PriceFromMinor, string Currency, bool InStock)
{
    /// <summary>The main uploaded picture; null when there is none and the generated SVG stands in.</summary>
    [JsonIgnore]
    public ProductPicture? Image { get; init; }

    public string ImageUrl => Image?.DefaultUrl ?? ProductImages.UrlFor(Slug);
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
    /// <summary>Uploaded pictures in order; empty when the generated SVG stands in.</summary>
    [JsonIgnore]
    public IReadOnlyList<ProductPicture> Images { get; init; } = [];

    public string ImageUrl => Images.Count > 0 ? Images[0].DefaultUrl : ProductImages.UrlFor(Slug);

    public bool AllowBackorders { get; init; }
}

public sealed record VariantDetail(int Id, string Sku, string Title, string? Size, string? Colour, long PriceMinor, int Available);

public sealed record ProductListPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 1 : (TotalCount + PageSize - 1) / PageSize;
}
