using Store.Domain.Common;

namespace Store.Domain.Shipping;

/// <summary>
/// One row of a weight or price table: the price when the measured value is at most <see cref="UpTo"/> (grams, or
/// minor units of the subtotal). The upper bound is inclusive, so a 1000 g parcel is in the "up to 1000 g" row.
/// </summary>
public sealed record RateBracket(long UpTo, Money Price);
