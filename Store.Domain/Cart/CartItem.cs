namespace Store.Domain.Cart;

public sealed class CartItem
{
    private CartItem()
    {
    }

    internal CartItem(Guid cartId, int variantId, int quantity, DateTimeOffset now)
    {
        CartId = cartId;
        VariantId = variantId;
        Quantity = quantity;
        AddedAt = now;
    }

    public long Id { get; private set; }
    public Guid CartId { get; private set; }
    public int VariantId { get; private set; }
    public int Quantity { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    internal void SetQuantity(int quantity) => Quantity = quantity;
}
