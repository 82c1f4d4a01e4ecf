namespace Store.Infrastructure.Jobs;

/// <summary>The background jobs (Quartz, clustered over PostgreSQL) and the outbox dispatcher they run.</summary>
public sealed class JobsOptions
{
    public const string Section = "Store:Jobs";

    /// <summary>When false the scheduler is configured but never started: test hosts and one-off tools switch it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the outbox dispatcher looks for due messages.</summary>
    public int OutboxIntervalSeconds { get; set; } = 5;

    /// <summary>Failures after which a message is parked for staff instead of being retried again.</summary>
    public int OutboxMaxAttempts { get; set; } = 8;

    /// <summary>The most messages one dispatcher run takes, so a backlog is worked through in bounded runs.</summary>
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>How often each node records in qrtz_scheduler_state that it is alive; a silent node's work is taken over.</summary>
    public int ClusterCheckinIntervalSeconds { get; set; } = 5;

    /// <summary>This node's id in the cluster. Empty: generated at start (host name and time), unique per process.</summary>
    public string? InstanceId { get; set; }
}
