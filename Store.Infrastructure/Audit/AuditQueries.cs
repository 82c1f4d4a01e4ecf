using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Audit;

public sealed record AuditFilter(string? Actor, string? Action, string? EntityType, string? EntityId, DateTimeOffset? From, DateTimeOffset? To, long? BeforeId, int Take = 100);

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, string? Details);

public sealed class AuditQueries(StoreDbContext db)
{
    /// <summary>Newest first, paged by id (pass the last row's id as BeforeId for the next page).</summary>
    public async Task<IReadOnlyList<AuditRow>> SearchAsync(AuditFilter filter, CancellationToken ct = default)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(a => EF.Functions.ILike(a.Actor, $"%{filter.Actor.Trim()}%"));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action.StartsWith(filter.Action.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            query = query.Where(a => a.EntityId == filter.EntityId.Trim());
        }

        if (filter.From is { } from)
        {
            query = query.Where(a => a.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.At < to);
        }

        if (filter.BeforeId is { } before)
        {
            query = query.Where(a => a.Id < before);
        }

        return await query
            .OrderByDescending(a => a.Id)
            .Take(Math.Clamp(filter.Take, 1, 500))
            .Select(a => new AuditRow(a.Id, a.At, a.Actor, a.Action, a.EntityType, a.EntityId, a.Details))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default) =>
        await db.AuditLog.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
}
