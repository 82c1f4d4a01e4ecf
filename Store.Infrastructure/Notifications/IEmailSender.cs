namespace Store.Infrastructure.Notifications;

/// <summary>
/// Hands an email to the world: an SMTP server, or the pickup folder when none is configured. Throws when the
/// email could not be handed over, so the outbox message that asked for it is retried.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}
