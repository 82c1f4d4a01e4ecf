using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Store.Web.Identity;

/// <summary>
/// Who is acting, as the audit log names them: one rule for admin pages (over the circuit's authentication state)
/// and for endpoints (over the request's user). Every caller sits behind a staff policy, so there is no anonymous
/// fallback to disagree about: a missing name is a wiring fault and fails loudly.
/// </summary>
public sealed class CurrentStaff(AuthenticationStateProvider authentication)
{
    public async Task<string> ActorAsync() => ActorOf((await authentication.GetAuthenticationStateAsync()).User);

    public static string ActorOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name.Length: > 0 } identity
            ? identity.Name
            : user.FindFirstValue(ClaimTypes.NameIdentifier)
              ?? throw new InvalidOperationException("A staff action was reached without a signed-in user.");
}
