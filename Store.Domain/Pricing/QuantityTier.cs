using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>A unit price that applies when a line holds at least <see cref="MinQuantity"/> of the variant.</summary>
public sealed record QuantityTier(int VariantId, int MinQuantity, Money UnitPrice);
