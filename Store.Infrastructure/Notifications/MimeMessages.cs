using MimeKit;

namespace Store.Infrastructure.Notifications;

internal static class MimeMessages
{
    public static MimeMessage Create(EmailMessage message, EmailOptions options, DateTimeOffset now)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = message.MessageId,
            Date = now,
            Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(options.FromName ?? "", options.FromAddress));
        mime.To.Add(new MailboxAddress(message.To.Name ?? "", message.To.Address));
        return mime;
    }
}
