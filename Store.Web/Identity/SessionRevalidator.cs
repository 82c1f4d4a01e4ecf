using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Store.Infrastructure.Identity;

namespace Store.Web.Identity;

/// <summary>
/// The admin runs as a Blazor circuit over a WebSocket, which sends no cookie after it opens: every
/// <see cref="Interval"/> the circuit's user is checked against the account's security stamp, and a signed-out,
/// disabled or re-roled account's open admin pages stop showing (the router renders "no access").
/// </summary>
public sealed class SessionRevalidator(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        // A scope of its own: the circuit's DbContext may be in use by the page at this moment.
        await using var scope = scopes.CreateAsyncScope();
        return await IsCurrentAsync(scope.ServiceProvider.GetRequiredService<SignInManager<StoreUser>>(), authenticationState.User);
    }

    private static async Task<bool> IsCurrentAsync(SignInManager<StoreUser> signIn, ClaimsPrincipal user) =>
        await signIn.ValidateSecurityStampAsync(user) is not null;
}
