namespace Store.Infrastructure.Notifications;

public sealed class SmtpOptions
{
    /// <summary>Empty: mail goes to the pickup folder instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public SmtpSecurity SecureSocket { get; set; } = SmtpSecurity.StartTls;

    /// <summary>For connecting and for each read or write, so a hung server fails the send and the outbox retries.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
