namespace Store.Web.Security;

/// <summary>An API endpoint counted against an address's allowance: 429 ProblemDetails with Retry-After when used up.</summary>
public sealed class RateLimitFilter(RateLimited action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var limits = context.HttpContext.RequestServices.GetRequiredService<AddressRateLimits>();
        if (!limits.TryAcquire(action, context.HttpContext, out var retryAfter))
        {
            return TypedResults.Problem(title: "Too many requests from this address.", detail: AddressRateLimits.Message(retryAfter), statusCode: StatusCodes.Status429TooManyRequests);
        }

        return await next(context);
    }
}
