using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Identity;

/// <summary>
/// Identity's account emails (MapIdentityApi's register, resendConfirmationEmail, forgotPassword, manage/info) as
/// outbox messages, sent by <see cref="AccountEmailHandler"/> through the store's mail path. The codes Identity made
/// are dropped on purpose (see <see cref="AccountEmailRequested"/>). A singleton, because MapIdentityApi takes its
/// email sender once from the root services: each request gets a scope, and so a unit of work, of its own.
/// </summary>
public sealed class OutboxAccountEmailSender(IServiceScopeFactory scopes) : IEmailSender<StoreUser>
{
    public Task SendConfirmationLinkAsync(StoreUser user, string email, string confirmationLink)
    {
        // Identity's link names the new address only when the mail confirms a change of email.
        var query = new Uri(WebUtility.HtmlDecode(confirmationLink), UriKind.Absolute).Query;
        var isChange = QueryHelpers.ParseQuery(query).TryGetValue("changedEmail", out var changed) && !string.IsNullOrEmpty(changed);
        return isChange ? RequestChangeAsync(user, email) : RequestAsync(user.Id, email, AccountEmailKind.ConfirmEmail);
    }

    /// <summary>
    /// A change of email: the link goes to the new address, and the current one is told (so a stolen session cannot
    /// quietly move the account away). Both in one save, so neither mail goes without the other.
    /// </summary>
    /// <param name="sendLink">False when the new address is taken: only the notice goes, so the answer to the customer stays the same.</param>
    public async Task RequestChangeAsync(StoreUser user, string newEmail, bool sendLink = true, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox.Outbox>();
        if (sendLink)
        {
            outbox.Add(new AccountEmailRequested(user.Id, newEmail, AccountEmailKind.ChangeEmail));
        }

        if (!string.IsNullOrEmpty(user.Email))
        {
            outbox.Add(new AccountEmailRequested(user.Id, user.Email, AccountEmailKind.EmailChangeNotice, newEmail));
        }

        await scope.ServiceProvider.GetRequiredService<StoreDbContext>().SaveChangesAsync(ct);
    }

    public Task SendPasswordResetLinkAsync(StoreUser user, string email, string resetLink) =>
        RequestAsync(user.Id, email, AccountEmailKind.PasswordReset);

    public Task SendPasswordResetCodeAsync(StoreUser user, string email, string resetCode) =>
        RequestAsync(user.Id, email, AccountEmailKind.PasswordReset);

    public async Task RequestAsync(string userId, string email, AccountEmailKind kind, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Outbox.Outbox>().Add(new AccountEmailRequested(userId, email, kind));
        await scope.ServiceProvider.GetRequiredService<StoreDbContext>().SaveChangesAsync(ct);
    }
}
