namespace Store.Infrastructure.Notifications;

public sealed record OrderEmailLine(string ProductName, string VariantTitle, string Sku, int Quantity, long UnitPriceMinor, long LineTotalMinor)
{
    /// <summary>Why the unit price was reduced, as the order item keeps it ("Sale −20 % until 30 Nov"); null: regular price.</summary>
    public string? PriceNote { get; init; }
}
