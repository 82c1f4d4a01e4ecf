using Store.Domain.Common;

namespace Store.Infrastructure.Identity;

/// <summary>
/// An account email to send. It carries no code: the handler makes the confirmation or reset code when it sends the
/// mail, so no working code is ever stored in outbox_messages, and the link's lifetime starts when it is sent.
/// </summary>
/// <param name="Email">Where the mail goes: the account's address, or the new one for <see cref="AccountEmailKind.ChangeEmail"/>.</param>
/// <param name="NewEmail">For <see cref="AccountEmailKind.EmailChangeNotice"/>: the address asked for.</param>
public sealed record AccountEmailRequested(string UserId, string Email, AccountEmailKind Kind, string? NewEmail = null) : IDomainEvent
{
    public const string Type = "account.email";

    public string EventType => Type;
}
