namespace Store.Domain.Ordering;

/// <summary>A line of an order with the name, SKU and price it was sold at, kept even if the product changes later.</summary>
public sealed class OrderItem
{
    private OrderItem()
    {
    }

    internal OrderItem(OrderLine line)
    {
        VariantId = line.VariantId;
        ProductName = line.ProductName;
        VariantTitle = line.VariantTitle;
        Sku = line.Sku;
        UnitPriceMinor = line.UnitPriceMinor;
        Quantity = line.Quantity;
        TaxMinor = line.TaxMinor;
        DiscountMinor = line.DiscountMinor;
        DiscountNote = line.DiscountNote;
        LineTotalMinor = line.NetMinor;
        RegularPriceMinor = line.RegularPriceMinor ?? line.UnitPriceMinor;
        PriceExplanation = line.PriceExplanation ?? RegularPrice;
    }

    public const string RegularPrice = "Regular price";

    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    public int VariantId { get; private set; }
    public string ProductName { get; private set; } = "";
    public string VariantTitle { get; private set; } = "";
    public string Sku { get; private set; } = "";
    public long UnitPriceMinor { get; private set; }
    public int Quantity { get; private set; }
    public long TaxMinor { get; private set; }

    /// <summary>What promotions took off this line; <see cref="LineTotalMinor"/> is price × quantity less this.</summary>
    public long DiscountMinor { get; private set; }
    public string? DiscountNote { get; private set; }
    public long LineTotalMinor { get; private set; }

    /// <summary>The variant's regular unit price when sold, so the order can show what the shopper saved.</summary>
    public long RegularPriceMinor { get; private set; }

    /// <summary>Where the unit price came from, as the shopper saw it ("Sale −20 % until 30 Nov"); kept after the sale ends.</summary>
    public string PriceExplanation { get; private set; } = RegularPrice;

    public bool IsReduced => UnitPriceMinor < RegularPriceMinor;

    /// <summary>Units sold without stock (the product allows backorders): shipped when stock arrives.</summary>
    public int BackorderedQuantity { get; private set; }

    internal void Backorder(int quantity) => BackorderedQuantity = Math.Clamp(quantity, 0, Quantity);
}
