namespace Store.Infrastructure.Shipping;

/// <summary>One row of a method's rate table as stored in its jsonb column: up to this many grams (or minor units), this price.</summary>
public sealed record StoredRateBracket(long UpTo, long PriceMinor);
