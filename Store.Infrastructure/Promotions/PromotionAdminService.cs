using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Promotions;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Promotions;

/// <summary>
/// A promotion in the admin list with its report. <see cref="Uses"/> and <see cref="DiscountMinor"/> count orders
/// that hold a use (not cancelled); <see cref="RevenueMinor"/> is what the paid ones among them brought in, less refunds.
/// </summary>
public sealed record PromotionSummary(
    int Id,
    string Name,
    string? Code,
    BenefitKind Kind,
    Stacking Stacking,
    bool IsEnabled,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? UsageLimit,
    int? PerCustomerLimit,
    int Uses,
    long DiscountMinor,
    long RevenueMinor,
    string Currency);

public sealed class PromotionAdminService(StoreDbContext db, AuditLog audit, IClock clock, IOptions<ShopOptions> options)
{
    public async Task<IReadOnlyList<PromotionSummary>> ListAsync(CancellationToken ct = default)
    {
        var promotions = await db.Promotions.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var report = await db.PromotionRedemptions.AsNoTracking()
            .Where(r => r.ReleasedAt == null)
            .GroupBy(r => r.PromotionId)
            .Select(g => new
            {
                PromotionId = g.Key,
                Uses = g.Count(),
                Discount = g.Sum(r => r.AmountMinor),
                Revenue = db.Orders.Where(o => o.PaidAt != null && g.Select(r => r.OrderId).Contains(o.Id)).Sum(o => o.TotalMinor - o.RefundedMinor),
            })
            .ToDictionaryAsync(r => r.PromotionId, ct);
        return [.. promotions.Select(p =>
        {
            var used = report.GetValueOrDefault(p.Id);
            return new PromotionSummary(p.Id, p.Name, p.Code, p.Kind, p.Stacking, p.IsEnabled, p.StartsAt, p.EndsAt, p.UsageLimit, p.PerCustomerLimit, used?.Uses ?? 0, used?.Discount ?? 0, used?.Revenue ?? 0, p.Currency);
        })];
    }

    public async Task<PromotionInput?> GetAsync(int id, CancellationToken ct = default) =>
        (await db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct))?.ToInput();

    /// <summary>Creates (<paramref name="id"/> null) or changes a promotion; the error lists what to fix.</summary>
    public async Task<Result<int>> SaveAsync(int? id, PromotionInput input, string actor, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var now = clock.UtcNow;
        var promotion = id is { } existing
            ? await db.Promotions.FirstOrDefaultAsync(p => p.Id == existing, ct)
            : new StoredPromotion(options.Value.Currency, now);
        if (promotion is null)
        {
            return DomainError.NotFound("promotion.missing", "That promotion does not exist.");
        }

        var problems = promotion.Apply(input, now);
        if (problems.Count > 0)
        {
            return DomainError.Invalid("promotion.invalid", string.Join(" ", problems));
        }

        if (promotion.Code is { } code && await db.Promotions.AnyAsync(p => p.Code == code && p.Id != promotion.Id, ct))
        {
            return DomainError.Conflict("promotion.code.taken", $"Another promotion already uses the code {code}.");
        }

        if (id is null)
        {
            db.Promotions.Add(promotion);
        }

        audit.Record(actor, id is null ? "promotion.created" : "promotion.changed", "promotion", id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "new", input);
        return await SaveAsync(promotion.Id, ct) is { } failed ? failed : promotion.Id;
    }

    public async Task<Result<bool>> SetEnabledAsync(int id, bool enabled, string actor, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var promotion = await db.Promotions.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (promotion is null)
        {
            return DomainError.NotFound("promotion.missing", "That promotion does not exist.");
        }

        promotion.SetEnabled(enabled, clock.UtcNow);
        audit.Record(actor, enabled ? "promotion.enabled" : "promotion.disabled", "promotion", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await SaveAsync(id, ct) is { } failed ? failed : true;
    }

    private async Task<DomainError?> SaveAsync(int id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Its use count changed (an order was placed) while the form was open: the owner saves again on fresh data.
            return DomainError.Conflict("promotion.changed", $"Promotion {id} changed meanwhile (an order may have used it). Reload and save again.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return DomainError.Conflict("promotion.code.taken", "Another promotion already uses that code.");
        }
    }
}
