namespace Store.Domain.Audit;

public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(string actor, string action, string entityType, string entityId, string? details, DateTimeOffset at)
    {
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Details = details;
        At = at;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";

    /// <summary>JSON with the before/after values that matter for this action.</summary>
    public string? Details { get; private set; }
}
