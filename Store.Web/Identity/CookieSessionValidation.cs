using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Store.Infrastructure.Identity;

namespace Store.Web.Identity;

/// <summary>
/// The sign-in cookie is checked against the account's security stamp on every request, as bearer tokens are (see
/// <see cref="SecurityStampBearerHandler"/>): a cookie copied before a sign-out, a password change, a role change or
/// the account being disabled is refused on its next request, not up to 30 minutes later (Identity's interval).
/// The check is one read of the user by primary key, for signed-in requests only (public files excepted); Identity's
/// own validator still runs after it on its interval, to refresh the cookie's claims.
/// </summary>
public static class CookieSessionValidation
{
    public static IServiceCollection AddCookieSessionValidation(this IServiceCollection services)
    {
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).PostConfigure(o =>
        {
            var identityValidator = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                if (NeedsCheck(context.HttpContext) && !await IsCurrentAsync(context))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await identityValidator(context);
            };
        });

        // Identity's periodic rebuild of the cookie would drop the "amr" claim its two-factor sign-in adds.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst("amr") is { } amr && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim("amr", amr.Value))
            {
                identity.AddClaim(new System.Security.Claims.Claim(amr.Type, amr.Value));
            }

            return Task.CompletedTask;
        });
        return services;
    }

    /// <summary>
    /// Files (pictures, scripts, styles) are public and read nothing of the account, so a page's many pictures cost no
    /// query each; a file behind authorisation (the product CSV, a label PDF) is checked like any page.
    /// </summary>
    private static bool NeedsCheck(HttpContext http) =>
        !Path.HasExtension(http.Request.Path.Value) || http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null;

    private static async Task<bool> IsCurrentAsync(CookieValidatePrincipalContext context) =>
        context.Principal is { } principal
        && await context.HttpContext.RequestServices.GetRequiredService<SignInManager<StoreUser>>().ValidateSecurityStampAsync(principal) is not null;
}
