using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Promotions;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Promotions;

/// <summary>
/// Counts promotion uses against their limits, inside the caller's transaction (placing or cancelling an order).
/// Policy: when a limit is reached between the quote and the order, the order is NOT placed; the shopper is told
/// which promotion ran out and the next quote no longer includes it, so they see the new total before paying.
/// A cancelled unpaid order (by staff, by reservation expiry, or replaced by a newer checkout of the same cart)
/// gives its uses back; a paid order keeps them, even when refunded or returned.
/// </summary>
public sealed class PromotionRedemptions(StoreDbContext db)
{
    /// <summary>
    /// Records the order's use of each promotion in <paramref name="discounts"/>. Must run after the order row is
    /// saved and before commit. The conditional UPDATE is the limit: PostgreSQL makes concurrent updates of one row
    /// wait for each other and re-checks <c>used &lt; usage_limit</c> on the row as the winner left it, so no two
    /// checkouts can both take the last use. The row stays locked until commit, which also makes the per-customer
    /// count that follows see every committed use by the same shopper.
    /// </summary>
    public async Task<Result<bool>> RedeemAsync(Order order, IReadOnlyList<AppliedDiscount> discounts, DateTimeOffset now, CancellationToken ct)
    {
        var used = discounts
            .GroupBy(d => int.Parse(d.PromotionId, CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key) // the same lock order in every transaction, so two orders never deadlock on two promotions
            .ToList();
        var email = order.Email.Trim().ToLowerInvariant();
        foreach (var promotion in used)
        {
            var id = promotion.Key;
            var counted = await db.Database.ExecuteSqlAsync(
                $"UPDATE promotions SET used = used + 1 WHERE id = {id} AND is_enabled AND (usage_limit IS NULL OR used < usage_limit)",
                ct);
            var stored = await db.Promotions.AsNoTracking().FirstAsync(p => p.Id == id, ct);
            if (counted == 0)
            {
                return stored.IsEnabled
                    ? DomainError.Conflict("promotion.limit", $"Sorry, {stored.Label} has just reached its usage limit. Your order was not placed: review the new total and try again.")
                    : DomainError.Conflict("promotion.disabled", $"Sorry, {stored.Label} has just ended. Your order was not placed: review the new total and try again.");
            }

            if (stored.PerCustomerLimit is { } limit)
            {
                var mine = await db.PromotionRedemptions.CountAsync(
                    r => r.PromotionId == id && r.ReleasedAt == null && (r.Email == email || (order.CustomerId != null && r.CustomerId == order.CustomerId)),
                    ct);
                if (mine >= limit)
                {
                    return DomainError.Conflict("promotion.customer-limit", $"{stored.Label} can be used {Times(limit)} per customer, and you have already used it. Remove it to place the order.");
                }
            }

            db.PromotionRedemptions.Add(new PromotionRedemption(
                id, order.Id, order.CustomerId, email, stored.Code, stored.Label, promotion.Sum(d => d.Amount.Minor), order.Currency, now));
        }

        return true;
    }

    /// <summary>Gives back the uses of an order that was cancelled unpaid. Safe to call twice: the second call finds nothing to release.</summary>
    public async Task<int> ReleaseAsync(Guid orderId, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync(
            $"""
            WITH released AS (
                UPDATE promotion_redemptions SET released_at = {now}
                WHERE order_id = {orderId} AND released_at IS NULL
                RETURNING promotion_id)
            UPDATE promotions p SET used = p.used - 1 FROM released r WHERE p.id = r.promotion_id
            """,
            ct);

    private static string Times(int n) => n == 1 ? "once" : $"{n} times";
}
