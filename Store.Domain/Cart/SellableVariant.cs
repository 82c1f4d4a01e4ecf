namespace Store.Domain.Cart;

/// <summary>What the shop can sell of a variant right now, as the cart needs to know it.</summary>
public sealed record SellableVariant(int VariantId, string Name, long PriceMinor, string Currency, int Available, bool AllowBackorders = false);
