using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Notifications;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Identity;

/// <summary>
/// Sends an account email with a code made now. Codes are base64url-encoded as MapIdentityApi encodes them, so the
/// same code works on the store's pages and in POST /api/account/resetPassword or GET /api/account/confirmEmail.
/// A redelivered message sends a second mail with a fresh code and the same Message-Id; both codes work until one is used.
/// </summary>
public sealed class AccountEmailHandler(
    UserManager<StoreUser> users,
    IEmailSender sender,
    AccountEmailTemplates templates,
    IOptions<AccountOptions> account,
    IOptions<EmailOptions> email,
    ILogger<AccountEmailHandler> logger) : IOutboxHandler
{
    public string EventType => AccountEmailRequested.Type;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var request = OrderMailer.Read<AccountEmailRequested>(message);
        var user = await users.FindByIdAsync(request.UserId);
        if (user is null)
        {
            logger.LogInformation("No {Kind} email: account {UserId} no longer exists", request.Kind, request.UserId);
            return;
        }

        var current = string.Equals(user.Email, request.Email, StringComparison.OrdinalIgnoreCase);
        EmailContent? content = request.Kind switch
        {
            // The account moved to another address, or was confirmed meanwhile: the mail would only confuse.
            AccountEmailKind.ConfirmEmail when !current || user.EmailConfirmed => null,
            AccountEmailKind.ConfirmEmail => templates.ConfirmEmail(user.Id, Encode(await users.GenerateEmailConfirmationTokenAsync(user))),
            AccountEmailKind.ChangeEmail when current => null,
            AccountEmailKind.ChangeEmail => templates.ChangeEmail(user.Id, Encode(await users.GenerateChangeEmailTokenAsync(user, request.Email)), request.Email),
            AccountEmailKind.PasswordReset when !current => null,
            AccountEmailKind.EmailChangeNotice => templates.EmailChangeNotice(request.NewEmail ?? ""),
            AccountEmailKind.PasswordReset => templates.PasswordReset(Encode(await users.GeneratePasswordResetTokenAsync(user)), account.Value.PasswordResetLinkLifetime),
            AccountEmailKind.StaffInvite when !current => null,
            AccountEmailKind.StaffInvite => templates.StaffInvite(
                user.Id,
                Encode(await users.GenerateUserTokenAsync(user, StaffInviteTokenProvider.ProviderName, StaffInviteTokenProvider.Purpose)),
                account.Value.StaffInviteLifetime),
            _ => throw new InvalidOperationException($"Unknown account email kind {request.Kind}."),
        };
        if (content is null)
        {
            logger.LogInformation("No {Kind} email for account {UserId}: it no longer applies", request.Kind, request.UserId);
            return;
        }

        var messageId = EmailMessage.IdFor(message.Id, "account-" + request.Kind.ToString().ToLowerInvariant(), email.Value.FromAddress);
        await sender.SendAsync(new EmailMessage(new EmailAddress(request.Email, user.DisplayName), content, messageId), ct);
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The Identity token in a code from a link; null when the code is not base64url.</summary>
    public static string? Decode(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
