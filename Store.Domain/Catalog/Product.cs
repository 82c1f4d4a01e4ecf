using Store.Domain.Common;
using Store.Domain.Tax;

namespace Store.Domain.Catalog;

public sealed class Product
{
    public const int MaxNameLength = 200;

    private readonly List<ProductVariant> _variants = [];

    private Product()
    {
    }

    public Product(string name, string slug, string description, string brand, int categoryId, string currency, DateTimeOffset now)
    {
        Rename(name, description, brand);
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
    public string Brand { get; private set; } = "";
    public int CategoryId { get; private set; }
    public Category? Category { get; private set; }
    public string Currency { get; private set; } = "USD";

    /// <summary>Who restocks this product; low-stock alerts draft purchase orders to them.</summary>
    public int? SupplierId { get; private set; }
    public bool IsPublished { get; private set; }
    public bool IsFeatured { get; private set; }

    /// <summary>Sell beyond stock: what cannot be reserved is backordered and shipped when stock arrives.</summary>
    public bool AllowBackorders { get; private set; }

    /// <summary>Which of a tax zone's rates applies (food and kitchenware are often reduced).</summary>
    public TaxClass TaxClass { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<ProductVariant> Variants => _variants;

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

    public void Rename(string name, string description, string brand)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A product name is 1 to {MaxNameLength} characters.", nameof(name));
        }

        Name = name.Trim();
        Description = description.Trim();
        Brand = brand.Trim();
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
