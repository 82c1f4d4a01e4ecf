using Store.Domain.Ordering;

namespace Store.Infrastructure.Cart;

public sealed record CartView(Guid? Id, IReadOnlyList<CartLineView> Lines, OrderTotals Totals)
{
    /// <summary>What changed since the shopper last looked (sold out, fewer left, new price), in words.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public int ItemCount => Lines.Sum(l => l.Quantity);

    public bool IsEmpty => Lines.Count == 0;
}

public sealed record CartLineView(
    int VariantId,
    string ProductName,
    string ProductSlug,
    string VariantTitle,
    string Sku,
    long UnitPriceMinor,
    int Quantity,
    int Available)
{
    public long LineTotalMinor => UnitPriceMinor * Quantity;

    public string ImageUrl => Catalog.ProductImages.UrlFor(ProductSlug);
}
