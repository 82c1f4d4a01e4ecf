using MimeKit;

namespace Store.Tests.Support;

/// <summary>A message as the SMTP server received it: the envelope recipients (RCPT TO) and the parsed mail.</summary>
public sealed record ReceivedEmail(IReadOnlyList<string> Recipients, MimeMessage Message);
