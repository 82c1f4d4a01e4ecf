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

    /// <summary>What an owner must fix before this promotion can be saved, in words; empty when it is sound.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("A promotion needs a name.");
        }

        if (Code is not null && (Code.Length is 0 or > 50 || Code.Any(char.IsWhiteSpace)))
        {
            problems.Add("A code has 1 to 50 characters and no spaces.");
        }

        if (Kind == BenefitKind.PercentOff && Percent.Value is <= 0m or > 100m)
        {
            problems.Add("A percentage off is more than 0 and at most 100.");
        }

        if (Kind == BenefitKind.AmountOff && Amount is not { Minor: > 0 })
        {
            problems.Add("An amount off must be more than zero.");
        }

        if (Kind == BenefitKind.BuyXGetY && (BuyQuantity <= 0 || GetQuantity <= 0 || Percent.Value is < 0m or > 100m))
        {
            problems.Add("Buy X get Y needs at least 1 to buy, at least 1 to get, and a discount on those of 0 (free) to 100 %.");
        }

        if (MinimumSubtotal is { Minor: < 0 })
        {
            problems.Add("The minimum subtotal cannot be negative.");
        }

        if (StartsAt is { } start && EndsAt is { } end && end <= start)
        {
            problems.Add("The end must be after the start.");
        }

        return problems;
    }
}
