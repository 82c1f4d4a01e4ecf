using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Store.Web.Identity;

/// <summary>
/// A staff account refused only for lack of two-factor sign-in is told so: the API answers 403 with a ProblemDetails
/// saying what to do, pages send it to the authenticator set-up. Every other answer is the framework's.
/// </summary>
public sealed class StaffAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || authorizeResult.AuthorizationFailure is not { FailedRequirements: var failed } || !failed.Any()
            || !failed.All(r => r is TwoFactorRequirement))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (StoreWebExtensions.IsApi(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Two-factor sign-in required.",
                    Detail = TwoFactorRequirement.Message,
                    Type = "https://store.local/problems/staff.two-factor-required",
                },
            });
            return;
        }

        context.Response.Redirect("/account/two-factor?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
    }
}
