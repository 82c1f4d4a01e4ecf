namespace Store.Infrastructure.Pricing;

/// <summary>A fixed unit price of one variant for customers in a group (the group is a word on the user: "wholesale").</summary>
public sealed class StoredCustomerGroupPrice
{
    private StoredCustomerGroupPrice()
    {
    }

    public StoredCustomerGroupPrice(int variantId, string group, long priceMinor)
    {
        VariantId = variantId;
        Group = group.Trim().ToLowerInvariant();
        PriceMinor = priceMinor;
    }

    public int Id { get; private set; }
    public int VariantId { get; private set; }
    public string Group { get; private set; } = "";
    public long PriceMinor { get; private set; }

    public void Change(string group, long priceMinor)
    {
        Group = group.Trim().ToLowerInvariant();
        PriceMinor = priceMinor;
    }
}
