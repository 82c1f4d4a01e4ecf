namespace Store.Domain.Pricing;

/// <summary>A sale on one variant for a window of time; start inclusive, end exclusive, either may be open.</summary>
public sealed record SalePrice(int VariantId, PriceAdjustment Adjustment, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string Label = "Sale")
{
    public bool IsActiveAt(DateTimeOffset now) => (StartsAt is null || now >= StartsAt) && (EndsAt is null || now < EndsAt);
}
