namespace Store.Domain.Ordering;

/// <summary>
/// What checkout knows about a line when the order is placed: the snapshot that the order keeps. <see cref="TaxMinor"/>
/// is the line's tax as <see cref="Checkout.CheckoutCalculator"/> computed it (rounded per line).
/// <see cref="RegularPriceMinor"/> and <see cref="PriceExplanation"/> say where the unit price came from ("Sale −20 %
/// until 30 Nov"); null means the regular price. <see cref="DiscountMinor"/> is the promotions' share of the line and
/// <see cref="DiscountNote"/> names them ("WELCOME10: Welcome 10 % off").
/// </summary>
public sealed record OrderLine(int VariantId, string ProductName, string VariantTitle, string Sku, long UnitPriceMinor, int Quantity, long TaxMinor = 0, long? RegularPriceMinor = null, string? PriceExplanation = null, long DiscountMinor = 0, string? DiscountNote = null)
{
    public long GrossMinor => checked(UnitPriceMinor * Quantity);

    public long NetMinor => GrossMinor - DiscountMinor;
}
