namespace Store.Domain.Ordering;

public sealed class PickListLine
{
    private PickListLine()
    {
    }

    internal PickListLine(int variantId, string sku, int quantity)
    {
        VariantId = variantId;
        Sku = sku;
        Quantity = quantity;
    }

    public long Id { get; private set; }
    public long PickListId { get; private set; }
    public int VariantId { get; private set; }
    public string Sku { get; private set; } = "";
    public int Quantity { get; private set; }
}
