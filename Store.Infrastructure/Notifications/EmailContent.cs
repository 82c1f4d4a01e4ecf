namespace Store.Infrastructure.Notifications;

/// <summary>What a template writes: the same message as plain text and as HTML.</summary>
public sealed record EmailContent(string Subject, string TextBody, string HtmlBody);
