using System.Text.Json.Serialization;
using Store.Domain.Catalog;
using Store.Domain.Pricing;

namespace Store.Infrastructure.Catalog;

public sealed record CategorySummary(int Id, string Name, string Slug, string Description)
{
    public int? ParentId { get; init; }

    /// <summary>0 at the top of the tree.</summary>
    public int Depth { get; init; }

    /// <summary>"Clothing › Hoodies": the names from the top down to this category.</summary>
    public string Path { get; init; } = Name;

    public string SeoTitle { get; init; } = "";
    public string SeoDescription { get; init; } = "";

    public string Title => SeoTitle.Length > 0 ? SeoTitle : Name;
    public string MetaDescription => SeoDescription.Length > 0 ? SeoDescription : Description;
}

/// <summary>A category page's category with the way down to it (breadcrumbs) and its subcategories.</summary>
public sealed record CategoryPageInfo(CategorySummary Category, IReadOnlyList<CategorySummary> Breadcrumbs, IReadOnlyList<CategorySummary> Children);

public sealed record ProductSummary(int Id, string Name, string Slug, string Brand, string CategorySlug, long PriceFromMinor, string Currency, bool InStock)
{
    /// <summary>The main uploaded picture; null when there is none and the generated SVG stands in.</summary>
    [JsonIgnore]
    public ProductPicture? Image { get; init; }

    public string ImageUrl => Image?.DefaultUrl ?? ProductImages.UrlFor(Slug);

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
    /// <summary>Uploaded pictures in order; empty when the generated SVG stands in.</summary>
    [JsonIgnore]
    public IReadOnlyList<ProductPicture> Images { get; init; } = [];

    public string ImageUrl => Images.Count > 0 ? Images[0].DefaultUrl : ProductImages.UrlFor(Slug);

    public bool AllowBackorders { get; init; }

    /// <summary>From the top of the category tree down to the product's category.</summary>
    public IReadOnlyList<CategorySummary> Breadcrumbs { get; init; } = [Category];

    public string SeoTitle { get; init; } = "";
    public string SeoDescription { get; init; } = "";

    public string Title => SeoTitle.Length > 0 ? SeoTitle : Name;
    public string MetaDescription => SeoDescription.Length > 0 ? SeoDescription : Description.Length > 160 ? Description[..157] + "…" : Description;

    /// <summary>The option selected by default and the price the page headlines (the same one when it can be bought).</summary>
    [JsonIgnore]
    public ProductOffer Offer => ProductOffer.For([.. Variants.Select(v => new OfferedVariant(v.Id, v.PriceMinor, v.Available))], AllowBackorders);

    [JsonIgnore]
    public VariantDetail? DefaultVariant => Offer.Default is { } d ? Variants.First(v => v.Id == d.Id) : null;

    [JsonIgnore]
    public VariantDetail? HeadlineVariant => Offer.Headline is { } h ? Variants.First(v => v.Id == h.Id) : null;
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
