using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Store.Infrastructure.Identity;

/// <summary>
/// Identity's principal (id, name, security stamp, roles) plus whether the account had two-factor sign-in on when
/// the session or token was made. Turning two-factor on or off changes the security stamp, which is checked on every
/// request, so a session that carries the claim belongs to an account that still has it on. Identity's own "amr"
/// claim would not do: a refreshed token or cookie is rebuilt without it.
/// </summary>
public sealed class StoreClaimsPrincipalFactory(UserManager<StoreUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StoreUser, IdentityRole>(users, roles, options)
{
    public const string TwoFactorClaim = "store:two-factor";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StoreUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorClaim, "on"));
        }

        return identity;
    }
}
