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

    public Money Price(string currency) => new(PriceMinor, currency);

    public void ChangePrice(long priceMinor)
    {
        if (priceMinor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(priceMinor), "A price cannot be negative.");
        }

        PriceMinor = priceMinor;
    }
}
