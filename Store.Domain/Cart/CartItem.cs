namespace Store.Domain.Cart;

public sealed class CartItem
{
    private CartItem()
    {
    }

    internal CartItem(Guid cartId, int variantId, int quantity, long unitPriceMinor, DateTimeOffset now)
    {
        CartId = cartId;
        VariantId = variantId;
        Quantity = quantity;
        PriceSeenMinor = unitPriceMinor;
        AddedAt = now;
    }

    public long Id { get; private set; }
    public Guid CartId { get; private set; }
    public int VariantId { get; private set; }
    public int Quantity { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>The unit price the shopper last saw for this line, so a later change can be pointed out.</summary>
    public long PriceSeenMinor { get; private set; }

    internal void SetQuantity(int quantity) => Quantity = quantity;

    internal void SeePrice(long unitPriceMinor) => PriceSeenMinor = unitPriceMinor;
}
