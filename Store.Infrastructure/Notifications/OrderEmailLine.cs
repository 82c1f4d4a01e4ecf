namespace Store.Infrastructure.Notifications;

public sealed record OrderEmailLine(string ProductName, string VariantTitle, string Sku, int Quantity, long UnitPriceMinor, long LineTotalMinor)
{
    /// <summary>Why the unit price was reduced, as the order item keeps it ("Sale −20 % until 30 Nov"); null: regular price.</summary>
    public string? PriceNote { get; init; }

    /// <summary>What promotions took off this line (<see cref="LineTotalMinor"/> is after it) and which ones ("WELCOME10: Welcome 10 % off").</summary>
    public long DiscountMinor { get; init; }
    public string? DiscountNote { get; init; }
}
