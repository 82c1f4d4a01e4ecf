namespace Store.Infrastructure.Catalog.Import;

/// <summary>One variant line of a product CSV, read and checked on its own (the plan checks it against the catalog).</summary>
public sealed record ProductCsvRow(
    int Line,
    string Slug,
    string Name,
    bool Published,
    string CategorySlug,
    string Brand,
    string Description,
    string SeoTitle,
    string SeoDescription,
    string Sku,
    IReadOnlyList<(string Name, string Value)> Options,
    string Barcode,
    long PriceMinor,
    int WeightGrams,
    int? Stock)
{
    /// <summary>What every line of the same product must repeat identically.</summary>
    public object ProductFields => (Name, Published, CategorySlug, Brand.ToLowerInvariant(), Description, SeoTitle, SeoDescription);

    public IReadOnlyList<string> OptionNames => [.. Options.Select(o => o.Name)];

    public IReadOnlyList<string> OptionValues => [.. Options.Select(o => o.Value)];
}

public sealed record ImportRejection(int Line, string Sku, string Reason);
