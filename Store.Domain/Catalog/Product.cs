using Store.Domain.Common;
using Store.Domain.Tax;

namespace Store.Domain.Catalog;

public sealed class Product
{
    public const int MaxNameLength = 200;

    public const int MaxSlugLength = 220;

    private readonly List<ProductVariant> _variants = [];
    private readonly List<ProductOption> _options = [];
    private readonly List<ProductAttribute> _attributes = [];

    private Product()
    {
    }

    public Product(string name, string slug, string description, Brand? brand, int categoryId, string currency, DateTimeOffset now)
    {
        Rename(name, description);
        SetBrand(brand);
        Slug = slug;
        CategoryId = categoryId;
        Currency = currency;
        CreatedAt = now;
        UpdatedAt = now;
        IsPublished = true;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>The brand's name, copied from <see cref="BrandId"/> (and kept current by the database on a rename) so search and listings need no join.</summary>
    public string Brand { get; private set; } = "";
    public int? BrandId { get; private set; }
    public int CategoryId { get; private set; }
    public Category? Category { get; private set; }
    public string Currency { get; private set; } = "";

    /// <summary>Who restocks this product; low-stock alerts draft purchase orders to them.</summary>
    public int? SupplierId { get; private set; }

    /// <summary>False for a draft: not on the storefront, in search, the sitemap or the API.</summary>
    public bool IsPublished { get; private set; }

    /// <summary>The page title search engines show; the name when empty.</summary>
    public string SeoTitle { get; private set; } = "";

    /// <summary>The meta description; the start of the description when empty.</summary>
    public string SeoDescription { get; private set; } = "";
    public bool IsFeatured { get; private set; }

    /// <summary>Sell beyond stock: what cannot be reserved is backordered and shipped when stock arrives.</summary>
    public bool AllowBackorders { get; private set; }

    /// <summary>Which of a tax zone's rates applies (food and kitchenware are often reduced).</summary>
    public TaxClass TaxClass { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<ProductVariant> Variants => _variants;
    public IReadOnlyList<ProductOption> Options => _options;
    public IReadOnlyList<ProductAttribute> Attributes => _attributes;

    public ProductVariant AddVariant(string sku, string title, string? size, string? colour, long priceMinor)
    {
        if (priceMinor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(priceMinor), "A price cannot be negative.");
        }

        var variant = new ProductVariant(this, sku, title, size, colour, priceMinor);
        _variants.Add(variant);
        return variant;
    }

    /// <summary>Adds the variant for one combination of option values; Size and Colour options fill the variant's size and colour.</summary>
    public ProductVariant AddVariant(string sku, IReadOnlyList<string> optionValues, long priceMinor)
    {
        CheckCombination(null, optionValues);
        var variant = AddVariant(sku, "", null, null, priceMinor);
        Describe(variant, optionValues);
        return variant;
    }

    /// <summary>Gives a variant made before the product had options (or whose values changed) its combination of values.</summary>
    public void AssignOptionValues(ProductVariant variant, IReadOnlyList<string> optionValues)
    {
        if (!_variants.Contains(variant))
        {
            throw new ArgumentException("Not a variant of this product.", nameof(variant));
        }

        CheckCombination(variant, optionValues);
        Describe(variant, optionValues);
    }

    private void CheckCombination(ProductVariant? self, IReadOnlyList<string> optionValues)
    {
        var specs = OptionSpecs();
        if (optionValues.Count != specs.Count || specs.Where((o, i) => !o.Values.Contains(optionValues[i])).Any())
        {
            throw new ArgumentException("A variant takes one value of each option.", nameof(optionValues));
        }

        if (_variants.Any(v => v != self && v.OptionValues.SequenceEqual(optionValues)))
        {
            throw new InvalidOperationException($"The variant {VariantMatrix.Title(optionValues)} exists already.");
        }
    }

    private void Describe(ProductVariant variant, IReadOnlyList<string> optionValues)
    {
        var specs = OptionSpecs();
        variant.SetOptionValues(
            optionValues,
            VariantMatrix.Title(optionValues),
            VariantMatrix.ValueOf(specs, optionValues, "Size"),
            VariantMatrix.ValueOf(specs, optionValues, "Colour", "Color"));
    }

    public IReadOnlyList<OptionSpec> OptionSpecs() => [.. _options.OrderBy(o => o.Position).Select(o => new OptionSpec(o.Name, o.Values))];

    /// <summary>Replaces the options. Existing variants keep their values, so an option or value in use cannot be removed.</summary>
    public string? SetOptions(IReadOnlyList<OptionSpec> options)
    {
        if (VariantMatrix.WhyInvalid(options) is { } why)
        {
            return why;
        }

        var inUse = _variants.Where(v => v.OptionValues.Count > 0).ToList();
        var old = OptionSpecs();
        if (inUse.Count > 0 && (old.Count != options.Count || old.Where((o, i) => !string.Equals(o.Name, options[i].Name.Trim(), StringComparison.OrdinalIgnoreCase)).Any()))
        {
            return "Options cannot be added, removed or reordered once variants use them; add values instead.";
        }

        foreach (var variant in inUse)
        {
            for (var i = 0; i < options.Count; i++)
            {
                if (!options[i].Values.Contains(variant.OptionValues[i]))
                {
                    return $"The value {variant.OptionValues[i]} is used by variant {variant.Sku}.";
                }
            }
        }

        _options.Clear();
        _options.AddRange(options.Select((o, i) => new ProductOption(o.Name.Trim(), i, [.. o.Values.Select(v => v.Trim())])));
        return null;
    }

    public void SetAttribute(AttributeDefinition attribute, string? value)
    {
        var existing = _attributes.FirstOrDefault(a => a.AttributeId == attribute.Id);
        var normalised = AttributeValues.Normalise(attribute.Type, value);
        if (normalised is null)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{value} is not a valid {attribute.Type.ToString().ToLowerInvariant()} for {attribute.Name}.", nameof(value));
            }

            if (existing is not null)
            {
                _attributes.Remove(existing);
            }

            return;
        }

        if (existing is null)
        {
            _attributes.Add(new ProductAttribute(attribute.Id, normalised));
        }
        else
        {
            existing.Value = normalised;
        }
    }

    public void Rename(string name, string description)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw new ArgumentException($"A product name is 1 to {MaxNameLength} characters.", nameof(name));
        }

        Name = name.Trim();
        Description = description.Trim();
    }

    /// <summary>The brand must be saved already: the product keeps its id and a copy of its name.</summary>
    public void SetBrand(Brand? brand)
    {
        if (brand is { Id: 0 })
        {
            throw new ArgumentException("Save the brand before giving it to a product.", nameof(brand));
        }

        BrandId = brand?.Id;
        Brand = brand?.Name ?? "";
    }

    public void SetSeo(string slug, string title, string description)
    {
        if (!Common.Slug.IsValid(slug) || slug.Length > MaxSlugLength)
        {
            throw new ArgumentException("A slug is lower-case letters, digits and single dashes.", nameof(slug));
        }

        Slug = slug;
        SeoTitle = title.Trim();
        SeoDescription = description.Trim();
    }

    public void MoveTo(int categoryId) => CategoryId = categoryId;

    public void SuppliedBy(int? supplierId) => SupplierId = supplierId;

    public void SetPublished(bool published) => IsPublished = published;

    public void SetFeatured(bool featured) => IsFeatured = featured;

    public void SetBackorders(bool allowed) => AllowBackorders = allowed;

    public void SetTaxClass(TaxClass taxClass) => TaxClass = taxClass;

    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    public Money PriceFrom() => new(_variants.Count == 0 ? 0 : _variants.Min(v => v.PriceMinor), Currency);
}
