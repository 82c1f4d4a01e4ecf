using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Store.Infrastructure.Identity;
using Store.Web.Identity;
using Store.Web.Security;

namespace Store.Web.Api;

/// <summary>
/// Sign-in for apps: ASP.NET Core Identity's own API (register, login, refresh, confirmEmail, resendConfirmationEmail,
/// forgotPassword, resetPassword, manage/info, manage/2fa) under /api/account, plus logout. Rate limited per address.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Account").AddEndpointFilter(RateLimitFilter.ForAccountApi());
        account.MapIdentityApi<StoreUser>();
        account.MapPost("/logout", LogoutAsync)
            .RequireAuthorization()
            .WithSummary("Signs the account out everywhere: every bearer and refresh token and every cookie session ends.")
            .WithDescription("Changes the account's security stamp, which every token carries: access tokens are refused at once, refresh tokens "
                + "answer 401, and browser sessions end at their next stamp check. Also clears this client's cookie, if it has one.");
    }

    private static async Task<NoContent> LogoutAsync(ClaimsPrincipal principal, UserManager<StoreUser> users, SignInManager<StoreUser> signIn)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
