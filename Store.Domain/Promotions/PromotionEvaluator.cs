using Store.Domain.Common;

namespace Store.Domain.Promotions;

/// <summary>
/// Decides which promotions apply to a cart and how much each takes off each line and the shipping. Deterministic
/// and independent of the order promotions are listed in: applicable promotions are first put in a canonical order
/// (priority, highest first, then id), so only priority and stacking can change a total. The shopper gets the larger
/// of "all stackable promotions, in priority order, each on what is left" and "the best single exclusive one"; a tie
/// goes to the set holding the highest-ranked promotion. No discount takes a line or the shipping below zero.
/// </summary>
public static class PromotionEvaluator
{
    public static PromotionResult Evaluate(IReadOnlyList<Promotion> promotions, PromotionCart cart)
    {
        var rejected = new List<DomainError>();
        var applicable = new List<Promotion>();
        var subtotal = cart.Subtotal;
        var codes = cart.Codes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

        foreach (var code in codes)
        {
            if (!promotions.Any(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase)))
            {
                rejected.Add(DomainError.Invalid("promotion.code.unknown", $"The code {code} does not exist."));
            }
        }

        foreach (var promotion in promotions)
        {
            var entered = promotion.Code is null || codes.Contains(promotion.Code, StringComparer.OrdinalIgnoreCase);
            if (!entered)
            {
                continue;
            }

            var refusal = !promotion.IsActiveAt(cart.Now)
                ? DomainError.Invalid("promotion.code.inactive", promotion.StartsAt > cart.Now ? $"The code {promotion.Code} is not valid yet." : $"The code {promotion.Code} has expired.")
                : promotion.MinimumSubtotal is { } minimum && subtotal.Minor < minimum.Minor
                    ? DomainError.Invalid("promotion.code.minimum", $"The code {promotion.Code} needs an order of at least {minimum}.")
                    : !cart.Lines.Any(promotion.Target.Matches)
                        ? DomainError.Invalid("promotion.code.target", $"The code {promotion.Code} does not apply to anything in the cart.")
                        : null;
            if (refusal is null)
            {
                applicable.Add(promotion);
            }
            else if (promotion.Code is not null)
            {
                rejected.Add(refusal);
            }
        }

        var ranked = applicable.OrderByDescending(p => p.Priority).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var candidates = ranked.Where(p => p.Stacking == Stacking.Exclusive).Select(p => new List<Promotion> { p }).ToList();
        var stackable = ranked.Where(p => p.Stacking == Stacking.Stackable).ToList();
        if (stackable.Count > 0)
        {
            candidates.Add(stackable);
        }

        var best = candidates
            .Select(set => (Set: set, Discounts: Apply(set, cart), Rank: ranked.IndexOf(set[0])))
            .OrderByDescending(c => c.Discounts.Sum(d => d.Amount.Minor))
            .ThenBy(c => c.Rank)
            .FirstOrDefault();

        // A valid code that lost to a better deal is told, not silently dropped.
        foreach (var loser in ranked.Where(p => p.Code is not null && best.Set?.Contains(p) != true))
        {
            rejected.Add(DomainError.Conflict("promotion.code.not-combinable", $"The code {loser.Code} cannot be combined with {string.Join(", ", best.Set?.Select(p => p.Name) ?? [])}, which saves you more."));
        }

        return new PromotionResult(cart.Currency, best.Discounts ?? [], rejected);
    }

    private static List<AppliedDiscount> Apply(IReadOnlyList<Promotion> set, PromotionCart cart)
    {
        var remaining = cart.Lines.Select(l => l.Gross.Minor).ToArray();
        var shipping = cart.Shipping.Minor;
        var applied = new List<AppliedDiscount>();
        foreach (var promotion in set)
        {
            var label = promotion.Code is null ? promotion.Name : $"{promotion.Code}: {promotion.Name}";
            var matching = Enumerable.Range(0, cart.Lines.Count).Where(i => promotion.Target.Matches(cart.Lines[i]) && remaining[i] > 0).ToList();
            var amounts = new long[cart.Lines.Count];
            switch (promotion.Kind)
            {
                case BenefitKind.PercentOff:
                    var percentBase = matching.Sum(i => remaining[i]);
                    Allocate(Math.Min(percentBase, promotion.Percent.Of(new Money(percentBase, cart.Currency)).Minor), matching, remaining, amounts);
                    break;
                case BenefitKind.AmountOff:
                    Allocate(Math.Min(matching.Sum(i => remaining[i]), Math.Max(0, promotion.Amount?.Minor ?? 0)), matching, remaining, amounts);
                    break;
                case BenefitKind.BuyXGetY:
                    BuyXGetY(promotion, cart, matching, remaining, amounts);
                    break;
                case BenefitKind.FreeShipping:
                    if (shipping > 0)
                    {
                        applied.Add(new AppliedDiscount(promotion.Id, null, new Money(shipping, cart.Currency), label));
                        shipping = 0;
                    }

                    break;
            }

            for (var i = 0; i < amounts.Length; i++)
            {
                if (amounts[i] > 0)
                {
                    remaining[i] -= amounts[i];
                    applied.Add(new AppliedDiscount(promotion.Id, cart.Lines[i].Key, new Money(amounts[i], cart.Currency), label));
                }
            }
        }

        return applied;
    }

    /// <summary>
    /// Splits an order-level amount over lines in proportion to what is left on each (largest remainder, ties to the
    /// earlier line), so each order item keeps its share and tax can be computed per line on the discounted amount.
    /// </summary>
    private static void Allocate(long amount, List<int> lines, long[] remaining, long[] into)
    {
        var total = lines.Sum(i => remaining[i]);
        if (amount <= 0 || total <= 0)
        {
            return;
        }

        var given = 0L;
        var fractions = new List<(int Line, decimal Fraction)>();
        foreach (var i in lines)
        {
            var exact = (decimal)amount * remaining[i] / total;
            var share = (long)Math.Floor(exact);
            into[i] += share;
            given += share;
            fractions.Add((i, exact - share));
        }

        foreach (var (line, _) in fractions.OrderByDescending(f => f.Fraction).ThenBy(f => f.Line).Take((int)(amount - given)))
        {
            into[line] += 1;
        }
    }

    /// <summary>For every X+Y matching units the Y cheapest get the discount (100 % = free), as shoppers expect.</summary>
    private static void BuyXGetY(Promotion promotion, PromotionCart cart, List<int> matching, long[] remaining, long[] into)
    {
        if (promotion.BuyQuantity <= 0 || promotion.GetQuantity <= 0)
        {
            return;
        }

        var units = matching
            .SelectMany(i => Enumerable.Repeat((Line: i, Price: cart.Lines[i].UnitPrice.Minor), cart.Lines[i].Quantity))
            .OrderBy(u => u.Price)
            .ThenBy(u => u.Line)
            .ToList();
        var free = units.Count / (promotion.BuyQuantity + promotion.GetQuantity) * promotion.GetQuantity;
        var percent = promotion.Percent.Value == 0m ? new Percent(100m) : promotion.Percent;
        foreach (var (line, price) in units.Take(free))
        {
            var off = Math.Min(percent.Of(new Money(price, cart.Currency)).Minor, remaining[line] - into[line]);
            into[line] += Math.Max(0, off);
        }
    }
}
