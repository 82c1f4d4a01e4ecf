using Store.Domain.Common;

namespace Store.Domain.Promotions;

/// <summary>
/// A discount code (<see cref="Code"/> set) or an automatic promotion (no code), as the owner configured it.
/// <see cref="Percent"/> is used by PercentOff and, for BuyXGetY, as the discount on the "get" items (100 = free).
/// <see cref="Amount"/> is taken once off the matching items for AmountOff. The window is start-inclusive,
/// end-exclusive. <see cref="Priority"/> (higher first) decides the order stackable promotions apply in, which
/// matters because each applies to what is left after the ones before. Usage limits are counted by Infrastructure
/// when the order is placed; here a promotion either applies to the cart or not.
/// </summary>
public sealed record Promotion(
    string Id,
    string Name,
    BenefitKind Kind,
    PromotionTarget Target,
    string? Code = null,
    Percent Percent = default,
    Money? Amount = null,
    int BuyQuantity = 0,
    int GetQuantity = 0,
    Money? MinimumSubtotal = null,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    Stacking Stacking = Stacking.Stackable,
    int Priority = 0)
{
    public bool IsActiveAt(DateTimeOffset now) => (StartsAt is null || now >= StartsAt) && (EndsAt is null || now < EndsAt);
}
