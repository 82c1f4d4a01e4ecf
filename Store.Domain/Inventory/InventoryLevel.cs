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

    /// <summary>Below this many available units, staff are alerted and a purchase order is drafted; 0 turns it off.</summary>
    public int ReorderPoint { get; private set; }

    /// <summary>How many units a drafted purchase order asks for.</summary>
    public int ReorderQuantity { get; private set; }

    /// <summary>Set when available fell below the reorder point (one alert per fall), cleared when it recovers.</summary>
    public DateTimeOffset? LowStockSince { get; private set; }

    public void SetReorderRule(int reorderPoint, int reorderQuantity)
    {
        if (reorderPoint < 0 || reorderQuantity < 0 || (reorderPoint > 0 && reorderQuantity == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(reorderPoint), "A reorder point needs a positive reorder quantity.");
        }

        ReorderPoint = reorderPoint;
        ReorderQuantity = reorderQuantity;
    }
}
