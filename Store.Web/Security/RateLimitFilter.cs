namespace Store.Web.Security;

/// <summary>An API endpoint counted against an address's allowance: 429 ProblemDetails with Retry-After when used up.</summary>
public sealed class RateLimitFilter(Func<HttpContext, RateLimited?> actionOf) : IEndpointFilter
{
    public RateLimitFilter(RateLimited action)
        : this(_ => action)
    {
    }

    /// <summary>
    /// Identity's account API, counted like the pages that do the same: sign-in with the sign-in page, registration
    /// with the registration page, and the mails and resets of a forgotten password together. Refresh and the
    /// signed-in routes are not limited per address (they need a valid token already).
    /// </summary>
    public static RateLimitFilter ForAccountApi() => new(http => AccountApiAction(http.Request.Method, (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText));

    /// <summary>Which counter limits a route of the account API; also what /openapi/v1.json declares a 429 for.</summary>
    public static RateLimited? AccountApiAction(string? method, string? route) => !HttpMethods.IsPost(method ?? "")
        ? null
        : route?.TrimEnd('/').Split('/').LastOrDefault()?.ToLowerInvariant() switch
        {
            "login" => RateLimited.SignIn,
            "register" => RateLimited.Registration,
            "forgotpassword" or "resetpassword" or "resendconfirmationemail" => RateLimited.PasswordReset,
            _ => null,
        };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var limits = context.HttpContext.RequestServices.GetRequiredService<AddressRateLimits>();
        if (actionOf(context.HttpContext) is { } action && !limits.TryAcquire(action, context.HttpContext, out var retryAfter))
        {
            return TypedResults.Problem(title: "Too many requests from this address.", detail: AddressRateLimits.Message(retryAfter), statusCode: StatusCodes.Status429TooManyRequests);
        }

        return await next(context);
    }
}
