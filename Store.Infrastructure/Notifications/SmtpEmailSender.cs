using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;

namespace Store.Infrastructure.Notifications;

/// <summary>
/// Sends through the configured SMTP server, one connection per email: the outbox sends a few at a time, and
/// MailKit's client is not safe to share between threads. Every failure is thrown, so the outbox retries.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, IClock clock, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var email = options.Value;
        var smtp = email.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new InvalidOperationException("Store:Email:Smtp:Host is not set.");
        }

        using var mime = MimeMessages.Create(message, email, clock.UtcNow);
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(smtp.TimeoutSeconds).TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, ToMailKit(smtp.SecureSocket), ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
        logger.LogInformation("Sent email {MessageId} \"{Subject}\" through {Host}:{Port}", message.MessageId, message.Subject, smtp.Host, smtp.Port);
    }

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
