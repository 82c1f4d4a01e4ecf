namespace Store.Web.Identity;

/// <summary>
/// Store:RateLimits:AccountApi: requests to /api/account (sign-in, registration, refresh, password reset, email
/// confirmation) allowed per client address and window. PermitLimit 0 turns the limit off.
/// </summary>
public sealed class AccountRateLimitOptions
{
    public const string Section = "Store:RateLimits:AccountApi";

    public int PermitLimit { get; set; } = 20;

    public int WindowSeconds { get; set; } = 60;
}
