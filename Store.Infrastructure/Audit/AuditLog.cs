using System.Text.Json;
using Store.Domain.Audit;
using Store.Domain.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Audit;

/// <summary>Adds audit entries to the unit of work, so they are saved in the same transaction as the change.</summary>
public sealed class AuditLog(StoreDbContext db, IClock clock)
{
    public void Record(string actor, string action, string entityType, string entityId, object? details = null)
    {
        var json = details is null ? null : JsonSerializer.Serialize(details);
        db.AuditLog.Add(new AuditEntry(actor, action, entityType, entityId, json, clock.UtcNow));
    }
}
