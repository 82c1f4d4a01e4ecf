namespace Store.Infrastructure.Data;

/// <summary>
/// How long a request keeps retrying a database that went away (settings under Store:Database). The defaults ride
/// out a PostgreSQL restart or a failover (a few seconds) inside the request: retries after 0, 1, 3, 3 and 3 seconds
/// (EF's exponential back-off, capped); what is still failing after about 10 seconds answers 503 with Retry-After
/// instead of holding the client longer.
/// </summary>
public sealed class DatabaseRetryOptions
{
    public const string Section = "Store:Database";

    /// <summary>
    /// A server shutting down (57P01 admin_shutdown, 57P02 crash_shutdown) or still starting (57P03) ends the
    /// connection with an error rather than a broken socket; both mean "try again on a new connection".
    /// </summary>
    public static readonly string[] ShutdownErrorCodes = ["57P01", "57P02", "57P03"];

    public int MaxRetryCount { get; set; } = 5;

    public int MaxRetryDelaySeconds { get; set; } = 3;

    public TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(MaxRetryDelaySeconds);
}
