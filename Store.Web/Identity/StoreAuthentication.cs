using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Identity;

namespace Store.Web.Identity;

/// <summary>
/// Who a request is: the browser's cookie, or the bearer token an app got from POST /api/account/login. One default
/// scheme picks between them per request, so every [Authorize] and RequireAuthorization (pages, /api, /admin
/// endpoints) takes either with the same role rules, and nothing declares schemes per endpoint.
/// </summary>
public static class StoreAuthentication
{
    public const string CookieOrBearerScheme = "CookieOrBearer";

    /// <summary>Identity's bearer token with the security stamp checked on every request (see <see cref="SecurityStampBearerHandler"/>).</summary>
    public const string CheckedBearerScheme = "CheckedBearer";

    public static IServiceCollection AddStoreAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieOrBearerScheme)
            .AddPolicyScheme(CookieOrBearerScheme, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = ctx => HasBearerToken(ctx.Request) ? CheckedBearerScheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, SecurityStampBearerHandler>(CheckedBearerScheme, null)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure<IOptions<AccountOptions>>((o, account) =>
            {
                o.BearerTokenExpiration = account.Value.AccessTokenLifetime;
                o.RefreshTokenExpiration = account.Value.RefreshTokenLifetime;
            });
        return services;
    }

    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.FirstOrDefault() is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
