using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>A fixed unit price for one variant when the shopper belongs to a group ("wholesale").</summary>
public sealed record CustomerGroupPrice(int VariantId, string Group, Money UnitPrice);
