using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;

namespace Store.Infrastructure.Notifications;

/// <summary>
/// Writes each email as an .eml file into the pickup folder, for a store with no SMTP server (a demo, a
/// developer's machine): any mail client opens the files.
/// </summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, IClock clock, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var email = options.Value;
        var folder = Path.GetFullPath(email.PickupFolder);
        Directory.CreateDirectory(folder);

        var now = clock.UtcNow;
        using var mime = MimeMessages.Create(message, email, now);
        var path = Path.Combine(folder, $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{SafeFileName(message.MessageId)}.eml");

        // Written under a name no reader looks for, then renamed in the same folder (an atomic rename), so
        // whoever watches for *.eml never opens half a file.
        var temporary = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await mime.WriteToAsync(stream, ct);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        logger.LogInformation("Wrote email {MessageId} \"{Subject}\" to {Path}", message.MessageId, message.Subject, path);
    }

    private static string SafeFileName(string messageId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return string.Concat(messageId.Select(c => invalid.Contains(c) || c is '<' or '>' or ':' or '*' or '?' or '"' or '|' or '\\' ? '_' : c));
    }
}
