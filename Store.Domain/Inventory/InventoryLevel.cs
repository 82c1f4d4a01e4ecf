namespace Store.Domain.Inventory;

/// <summary>
/// Stock of one variant at one location. Available = on hand − reserved. The quantities are changed with
/// conditional SQL updates in the inventory service so that concurrent buyers can never take more than exists;
/// this type holds the rules that do not depend on concurrency.
/// </summary>
public sealed class InventoryLevel
{
    private InventoryLevel()
    {
    }

    public InventoryLevel(int variantId, int locationId, int onHand)
    {
        if (onHand < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(onHand), "Stock on hand cannot be negative.");
        }

        VariantId = variantId;
        LocationId = locationId;
        OnHand = onHand;
    }

    public int VariantId { get; private set; }
    public int LocationId { get; private set; }
    public Location? Location { get; private set; }
    public int OnHand { get; private set; }
    public int Reserved { get; private set; }
    public int Available => OnHand - Reserved;
}
