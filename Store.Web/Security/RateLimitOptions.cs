namespace Store.Web.Security;

/// <summary>
/// Requests allowed per client address and window (Store:RateLimits). PermitLimit 0 turns a rule off. The client
/// address is the connection's, or the one the forwarded headers name behind a trusted proxy.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Store:RateLimits";

    /// <summary>Sign-in attempts: with the per-account lockout, one address can no longer keep the admin locked out.</summary>
    public RateLimitRule SignIn { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    public RateLimitRule Registration { get; set; } = new() { PermitLimit = 10, WindowSeconds = 600 };

    public RateLimitRule PasswordReset { get; set; } = new() { PermitLimit = 5, WindowSeconds = 600 };

    /// <summary>
    /// Orders placed (page and API). Generous for a household or an office behind one address; bench/checkout.sh,
    /// which places thousands from one address, turns it off.
    /// </summary>
    public RateLimitRule Orders { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };
}

public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; } = 60;
}
