namespace Store.Infrastructure.Idempotency;

/// <summary>A client's Idempotency-Key for one operation, with the response it got, so a retry gets the same answer.</summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    public string Scope { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string RequestHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? ContentType { get; private set; }
    public string? ResponseBody { get; private set; }
    public string? Location { get; private set; }
}
