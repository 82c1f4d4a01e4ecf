using System.Net;
using System.Text;
using Store.Infrastructure.Notifications;

namespace Store.Infrastructure.Identity;

/// <summary>The account emails: confirm an address, confirm a new address, reset a password. Links go to the store's own pages.</summary>
public sealed class AccountEmailTemplates(string storeName, string publicBaseUrl)
{
    public EmailContent ConfirmEmail(string userId, string code) =>
        Compose(
            $"Confirm your email for {storeName}",
            $"Please confirm that this is your email address for your {storeName} account.",
            "Confirm my email",
            Link("/account/confirm-email", ("userId", userId), ("code", code)),
            "If you did not create an account, ignore this email.");

    public EmailContent ChangeEmail(string userId, string code, string newEmail) =>
        Compose(
            $"Confirm your new email for {storeName}",
            $"Your {storeName} account will use {newEmail} once you confirm it.",
            "Confirm my new email",
            Link("/account/confirm-email", ("userId", userId), ("code", code), ("changedEmail", newEmail)),
            "If you did not ask for this, ignore this email: your account keeps its current address.");

    public EmailContent EmailChangeNotice(string newEmail) =>
        Compose(
            $"Your {storeName} account's email is about to change",
            $"Someone signed in to your {storeName} account asked to use {Mask(newEmail)} instead of this address. Nothing changes until that address confirms it.",
            "If this was not you, choose a new password now",
            Link("/account/forgot-password"),
            "If it was you, there is nothing to do.");

    /// <summary>Enough of the new address for its owner to recognise it, not enough to hand it to whoever reads this mailbox.</summary>
    private static string Mask(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 1 ? "another address" : email[0] + new string('*', Math.Min(at - 1, 6)) + email[at..];
    }

    public EmailContent PasswordReset(string code, TimeSpan lifetime) =>
        Compose(
            $"Reset your {storeName} password",
            "Someone (we hope you) asked to reset the password of your account.",
            "Choose a new password",
            Link("/account/reset-password", ("code", code)),
            $"The link works once, for the next {Describe(lifetime)}. If you did not ask for it, ignore this email: your password stays as it is.");

    public EmailContent StaffInvite(string userId, string code, TimeSpan lifetime) =>
        Compose(
            $"You are invited to run {storeName}",
            $"You have been given a staff account at {storeName}. Choose your password to start.",
            "Choose my password",
            Link("/account/accept-invite", ("userId", userId), ("code", code)),
            $"The link works once, for the next {Describe(lifetime)}. If you did not expect this, ignore this email.");

    private static EmailContent Compose(string subject, string intro, string action, string url, string footnote)
    {
        var text = new StringBuilder()
            .AppendLine("Hello,")
            .AppendLine()
            .AppendLine(intro)
            .AppendLine()
            .AppendLine($"{action}: {url}")
            .AppendLine()
            .AppendLine(footnote)
            .ToString();
        var html = new StringBuilder()
            .Append("<p>Hello,</p>")
            .Append($"<p>{E(intro)}</p>")
            .Append($"<p><a href=\"{E(url)}\">{E(action)}</a></p>")
            .Append($"<p><small>{E(footnote)}</small></p>")
            .ToString();
        return new EmailContent(subject, text, html);
    }

    private string Link(string path, params (string Name, string Value)[] query) =>
        publicBaseUrl.TrimEnd('/') + path + (query.Length == 0 ? "" : "?") + string.Join("&", query.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value)));

    private static string Describe(TimeSpan lifetime)
    {
        if (lifetime.TotalHours >= 1 && lifetime.TotalHours % 1 == 0)
        {
            return lifetime.TotalHours == 1 ? "hour" : $"{lifetime.TotalHours:0} hours";
        }

        var minutes = Math.Max(1, Math.Round(lifetime.TotalMinutes));
        return minutes == 1 ? "minute" : $"{minutes:0} minutes";
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
