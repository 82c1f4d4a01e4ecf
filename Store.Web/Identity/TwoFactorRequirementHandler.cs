using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Common;
using Store.Infrastructure.Identity;

namespace Store.Web.Identity;

/// <summary>
/// Reads the two-factor claim the store puts in every session (see <see cref="StoreClaimsPrincipalFactory"/>), not the
/// database: the check also runs inside admin circuits, where a query could collide with the page's own.
/// </summary>
public sealed class TwoFactorRequirementHandler(IOptionsMonitor<ShopOptions> shop) : AuthorizationHandler<TwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        // A customer fails the policy's role requirement anyway; this one only speaks about staff.
        // Left pending rather than failed outright, so the result names this requirement and the refusal can say why.
        if (!shop.CurrentValue.Staff.RequireTwoFactor || !StorePolicies.IsStaff(context.User) || context.User.HasClaim(StoreClaimsPrincipalFactory.TwoFactorClaim, "on"))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
