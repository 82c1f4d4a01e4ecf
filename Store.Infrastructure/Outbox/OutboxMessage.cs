namespace Store.Infrastructure.Outbox;

/// <summary>
/// A domain event saved in the same transaction as the change that raised it, and handled later by the
/// dispatcher job: so an email or a stock alert is never sent for a change that rolled back, nor lost for one that committed.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public OutboxMessage(Guid id, string type, string payload, DateTimeOffset now)
    {
        Id = id;
        Type = type;
        Payload = payload;
        OccurredAt = now;
        AvailableAt = now;
    }

    public Guid Id { get; private set; }
    public string Type { get; private set; } = "";

    /// <summary>The event as JSON.</summary>
    public string Payload { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>Not handled before this time: pushed back after each failure (backoff).</summary>
    public DateTimeOffset AvailableAt { get; private set; }
    public DateTimeOffset? ProcessedAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>Set when the message kept failing: it waits for staff in the admin instead of retrying forever.</summary>
    public DateTimeOffset? ParkedAt { get; private set; }

    public void MarkProcessed(DateTimeOffset now)
    {
        ProcessedAt = now;
        LastError = null;
    }

    public void MarkFailed(string error, DateTimeOffset retryAt)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        AvailableAt = retryAt;
    }

    public void Park(DateTimeOffset now) => ParkedAt = now;

    public void Requeue(DateTimeOffset now)
    {
        ParkedAt = null;
        Attempts = 0;
        AvailableAt = now;
    }
}
