namespace Store.Infrastructure.Notifications;

public sealed record OrderEmailLine(string ProductName, string VariantTitle, string Sku, int Quantity, long UnitPriceMinor, long LineTotalMinor);
