using Microsoft.AspNetCore.Authorization;

namespace Store.Web.Identity;

/// <summary>With Store:Staff:RequireTwoFactor on, a staff session must come from an account with two-factor sign-in on.</summary>
public sealed class TwoFactorRequirement : IAuthorizationRequirement
{
    public static readonly TwoFactorRequirement Instance = new();

    public const string Message = "This store requires two-factor sign-in for staff. Set up an authenticator app at /account/two-factor, then sign in again.";
}
