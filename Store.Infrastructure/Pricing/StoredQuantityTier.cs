namespace Store.Infrastructure.Pricing;

/// <summary>A unit price of one variant for a cart line of at least <see cref="MinQuantity"/> units.</summary>
public sealed class StoredQuantityTier
{
    private StoredQuantityTier()
    {
    }

    public StoredQuantityTier(int variantId, int minQuantity, long priceMinor)
    {
        VariantId = variantId;
        MinQuantity = minQuantity;
        PriceMinor = priceMinor;
    }

    public int Id { get; private set; }
    public int VariantId { get; private set; }
    public int MinQuantity { get; private set; }
    public long PriceMinor { get; private set; }

    public void Change(int minQuantity, long priceMinor)
    {
        MinQuantity = minQuantity;
        PriceMinor = priceMinor;
    }
}
