using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Store.Web.Identity;

/// <summary>
/// The "account" rate-limiting policy on /api/account: password guessing, registration floods and reset-mail bombing
/// are throttled per client address (RemoteIpAddress, which forwarded headers set behind a proxy).
/// </summary>
public static class AccountRateLimiting
{
    public const string Policy = "account";

    public static IServiceCollection AddAccountRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<AccountRateLimitOptions>().BindConfiguration(AccountRateLimitOptions.Section);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            o.AddPolicy(Policy, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<AccountRateLimitOptions>>().Value;
                if (limit.PermitLimit <= 0)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit.PermitLimit,
                    Window = TimeSpan.FromSeconds(Math.Max(1, limit.WindowSeconds)),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests from this address.",
                Detail = $"Try again in {seconds} seconds.",
            },
        });
    }
}
