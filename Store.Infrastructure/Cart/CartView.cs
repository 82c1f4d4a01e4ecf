using Store.Domain.Ordering;
using Store.Domain.Pricing;
using Store.Domain.Tax;
using Store.Infrastructure.Checkout;

namespace Store.Infrastructure.Cart;

/// <summary>A cart with its totals. Before checkout <see cref="Quote"/> is an estimate (no address yet).</summary>
public sealed record CartView(Guid? Id, IReadOnlyList<CartLineView> Lines, CheckoutQuote Quote)
{
    /// <summary>What changed since the shopper last looked (sold out, fewer left, new price), in words.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The discount codes entered on the cart; <see cref="CheckoutQuote.RejectedCodes"/> says which give nothing and why.</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    public OrderTotals Totals => Quote.Totals;

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
    public int ProductId { get; init; }
    public int? CategoryId { get; init; }
    public TaxClass TaxClass { get; init; }
    public int WeightGrams { get; init; }

    /// <summary>Where <see cref="UnitPriceMinor"/> came from (sale, tier, markdown…); null only for a line built without the price resolver.</summary>
    public ResolvedPrice? Price { get; init; }

    public long LineTotalMinor => UnitPriceMinor * Quantity;

    public string ImageUrl => Catalog.ProductImages.UrlFor(ProductSlug);
}
