namespace Store.Infrastructure.Identity;

/// <summary>Store:Account: how long the tokens and emailed links of customer accounts live.</summary>
public sealed class AccountOptions
{
    public const string Section = "Store:Account";

    /// <summary>
    /// A bearer access token's life. Kept short because an app holds it in memory; the refresh token renews it.
    /// The account's security stamp is also checked on every request, so a revoked token stops at once anyway.
    /// </summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A password-reset link works once and for this long; shorter than a confirmation link, since it hands over the account.</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Email confirmation and change-of-email links.</summary>
    public TimeSpan EmailLinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A staff invitation link works once and for this long; the owner can send a new one.</summary>
    public TimeSpan StaffInviteLifetime { get; set; } = TimeSpan.FromDays(3);
}
