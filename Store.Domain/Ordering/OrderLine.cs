namespace Store.Domain.Ordering;

/// <summary>What checkout knows about a line when the order is placed: the snapshot that the order keeps.</summary>
public sealed record OrderLine(int VariantId, string ProductName, string VariantTitle, string Sku, long UnitPriceMinor, int Quantity);
