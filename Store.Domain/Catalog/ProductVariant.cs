using Store.Domain.Common;

namespace Store.Domain.Catalog;

public sealed class ProductVariant
{
    private ProductVariant()
    {
    }

    internal ProductVariant(Product product, string sku, string title, string? size, string? colour, long priceMinor)
    {
        Product = product;
        Sku = sku.Trim().ToUpperInvariant();
        Title = title;
        Size = size;
        Colour = colour;
        PriceMinor = priceMinor;
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }
    public Product Product { get; private set; } = null!;
    public string Sku { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Size { get; private set; }
    public string? Colour { get; private set; }
    public long PriceMinor { get; private set; }

    /// <summary>GTIN/EAN/UPC or the owner's own code; empty when the variant has none.</summary>
    public string Barcode { get; private set; } = "";

    /// <summary>One value per product option, in the options' order; empty for a variant made without options.</summary>
    public List<string> OptionValues { get; private set; } = [];

    /// <summary>Shipping weight of one unit, packed; the parcel weight for weight-based rates is the sum.</summary>
    public int WeightGrams { get; private set; }

    /// <summary>The lowest unit price any sale, list or markdown may produce (cost plus margin, a MAP agreement); null: none.</summary>
    public long? FloorPriceMinor { get; private set; }

    public Money Price(string currency) => new(PriceMinor, currency);

    /// <summary>Who this variant is bought from; null: the product's supplier, if any.</summary>
    public int? SupplierId { get; private set; }

    /// <summary>The supplier's own code for it, printed on purchase orders.</summary>
    public string? SupplierSku { get; private set; }

    /// <summary>What one unit costs the store, in the product's currency; null when not known.</summary>
    public long? CostMinor { get; private set; }

    /// <summary>The supplier sells in packs of this many units; orders are rounded up to whole packs.</summary>
    public int PackSize { get; private set; } = 1;

    public Money? Cost(string currency) => CostMinor is { } minor ? new Money(minor, currency) : null;

    public Result<bool> SetSourcing(int? supplierId, string? supplierSku, long? costMinor, int packSize)
    {
        if (costMinor < 0)
        {
            return DomainError.Invalid("variant.cost", "A cost cannot be negative.");
        }

        if (packSize is < 1 or > 10_000)
        {
            return DomainError.Invalid("variant.pack-size", "A pack holds 1 to 10,000 units.");
        }

        if (supplierSku?.Trim().Length > 64)
        {
            return DomainError.Invalid("variant.supplier-sku", "A supplier SKU has at most 64 characters.");
        }

        SupplierId = supplierId;
        SupplierSku = string.IsNullOrWhiteSpace(supplierSku) ? null : supplierSku.Trim();
        CostMinor = costMinor;
        PackSize = packSize;
        return true;
    }


    public void SetFloorPrice(long? floorMinor)
    {
        if (floorMinor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(floorMinor), "A floor price cannot be negative.");
        }

        FloorPriceMinor = floorMinor;
    }

    public void SetWeight(int grams)
    {
        if (grams < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(grams), "A weight cannot be negative.");
        }

        WeightGrams = grams;
    }

    public void SetBarcode(string? barcode)
    {
        var value = barcode?.Trim() ?? "";
        if (value.Length > 64)
        {
            throw new ArgumentException("A barcode is at most 64 characters.", nameof(barcode));
        }

        Barcode = value;
    }

    internal void SetOptionValues(IReadOnlyList<string> values, string title, string? size, string? colour)
    {
        OptionValues = [.. values];
        Title = title.Length > 100 ? title[..100] : title;
        Size = size;
        Colour = colour;
    }

    public void ChangeSku(string sku)
    {
        var value = sku.Trim().ToUpperInvariant();
        if (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("A SKU is 1 to 64 letters, digits, '-' or '_'.", nameof(sku));
        }

        Sku = value;
    }

    public void ChangePrice(long priceMinor)
    {
        if (priceMinor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(priceMinor), "A price cannot be negative.");
        }

        PriceMinor = priceMinor;
    }
}
