namespace Store.Domain.Ordering;

/// <summary>
/// What checkout knows about a line when the order is placed: the snapshot that the order keeps. <see cref="TaxMinor"/>
/// is the line's tax as <see cref="Checkout.CheckoutCalculator"/> computed it (rounded per line).
/// </summary>
public sealed record OrderLine(int VariantId, string ProductName, string VariantTitle, string Sku, long UnitPriceMinor, int Quantity, long TaxMinor = 0);
