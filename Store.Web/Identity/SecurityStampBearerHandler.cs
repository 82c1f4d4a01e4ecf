using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Identity;

namespace Store.Web.Identity;

/// <summary>
/// Identity's bearer token, plus the account's security stamp checked on every request. Identity checks the stamp
/// only when a refresh token is used, so an access token would outlive a sign-out or a password change by up to its
/// lifetime; here it stops at once. The cost is one read of the user by key per request with a token.
/// </summary>
public sealed class SecurityStampBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SignInManager<StoreUser> signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = await Context.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!token.Succeeded)
        {
            return token.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(token.Failure ?? new InvalidOperationException("Invalid bearer token."));
        }

        return await signIn.ValidateSecurityStampAsync(token.Principal) is null
            ? AuthenticateResult.Fail("The account signed out, changed its password or was changed since this token was issued.")
            : AuthenticateResult.Success(new AuthenticationTicket(token.Principal, token.Properties, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
