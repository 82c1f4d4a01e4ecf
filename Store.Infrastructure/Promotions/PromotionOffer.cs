using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Promotions;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Promotions;

/// <summary>
/// What the evaluator may apply to a cart: enabled promotions that are not used up, and the entered codes among
/// them. A code that exists but is disabled or has reached its usage limit is refused here with its own reason
/// (the evaluator would only know to call it unknown). Uses held by the cart's own unpaid orders do not count: placing
/// the cart again replaces those orders and gives their uses back first.
/// </summary>
public sealed record PromotionOffer(IReadOnlyList<Promotion> Promotions, IReadOnlyList<string> Codes, IReadOnlyList<DomainError> Refusals)
{
    public static async Task<PromotionOffer> LoadAsync(StoreDbContext db, IReadOnlyCollection<string> codes, Guid? cartId, CancellationToken ct)
    {
        var entered = codes.Select(Domain.Cart.Cart.NormalizeCode).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var stored = await db.Promotions.AsNoTracking()
            .Where(p => p.IsEnabled || (p.Code != null && entered.Contains(p.Code)))
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        var heldByCart = cartId is null
            ? []
            : await db.PromotionRedemptions.AsNoTracking()
                .Where(r => r.ReleasedAt == null && db.Orders.Any(o => o.Id == r.OrderId && o.CartId == cartId && o.Status == OrderStatus.AwaitingPayment))
                .GroupBy(r => r.PromotionId)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        bool UsedUp(StoredPromotion p) => p.UsageLimit is { } limit && p.Used - heldByCart.GetValueOrDefault(p.Id) >= limit;

        var refusals = new List<DomainError>();
        foreach (var promotion in stored.Where(p => p.Code is not null && entered.Contains(p.Code)))
        {
            if (!promotion.IsEnabled)
            {
                refusals.Add(DomainError.Invalid("promotion.code.disabled", $"The code {promotion.Code} is no longer available."));
            }
            else if (UsedUp(promotion))
            {
                refusals.Add(DomainError.Conflict("promotion.code.limit", $"The code {promotion.Code} has reached its usage limit."));
            }
        }

        var usable = stored.Where(p => p.IsEnabled && !UsedUp(p)).ToList();
        var refused = stored.Where(p => p.Code is not null && (!p.IsEnabled || UsedUp(p))).Select(p => p.Code!).ToHashSet(StringComparer.Ordinal);
        return new PromotionOffer([.. usable.Select(p => p.ToDomain())], [.. entered.Where(c => !refused.Contains(c))], refusals);
    }
}
