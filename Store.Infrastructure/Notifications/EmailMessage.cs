namespace Store.Infrastructure.Notifications;

/// <param name="MessageId">
/// The Message-Id header, without angle brackets. Stable for one piece of work (see <see cref="IdFor"/>), so when
/// the outbox delivers a message twice the two mails carry the same id and mail clients show them as one.
/// </param>
public sealed record EmailMessage(EmailAddress To, string Subject, string TextBody, string HtmlBody, string MessageId)
{
    public EmailMessage(EmailAddress to, EmailContent content, string messageId)
        : this(to, content.Subject, content.TextBody, content.HtmlBody, messageId)
    {
    }

    /// <summary>A Message-Id derived from the outbox message that asked for the email, e.g. "order-confirmation.3f2c…@store.local".</summary>
    /// <param name="purpose">Tells apart two emails sent for the same outbox message.</param>
    public static string IdFor(Guid outboxMessageId, string purpose, string fromAddress)
    {
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..] : "store.local";
        return $"{purpose}.{outboxMessageId:N}@{domain}";
    }
}
