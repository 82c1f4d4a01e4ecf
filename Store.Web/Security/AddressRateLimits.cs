using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Store.Web.Security;

public enum RateLimited
{
    SignIn,
    Registration,
    PasswordReset,
    Orders,
}

/// <summary>
/// Fixed-window limits per client address for the actions attackers automate. One limiter serves both the form
/// pages (which show a message) and the API (which answers 429 ProblemDetails), so a sign-in counts the same
/// whichever way it came. A refusal sets 429 and Retry-After on the response.
/// </summary>
public sealed class AddressRateLimits : IDisposable
{
    private readonly Dictionary<RateLimited, PartitionedRateLimiter<string>?> limiters;

    public AddressRateLimits(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        limiters = new()
        {
            [RateLimited.SignIn] = Create(o.SignIn),
            [RateLimited.Registration] = Create(o.Registration),
            [RateLimited.PasswordReset] = Create(o.PasswordReset),
            [RateLimited.Orders] = Create(o.Orders),
        };
    }

    /// <summary>False (and 429 with Retry-After set on the response) when this address used up its allowance.</summary>
    public bool TryAcquire(RateLimited action, HttpContext http, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limiters[action] is not { } limiter)
        {
            return true;
        }

        using var lease = limiter.AttemptAcquire(ClientAddress(http));
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return false;
    }

    /// <summary>The sentence a form shows when refused.</summary>
    public static string Message(TimeSpan retryAfter) =>
        $"Too many attempts from your network. Please wait {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} seconds and try again.";

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter?.Dispose();
        }
    }

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static PartitionedRateLimiter<string>? Create(RateLimitRule rule) =>
        rule.PermitLimit <= 0
            ? null
            : PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = rule.PermitLimit,
                Window = TimeSpan.FromSeconds(Math.Max(1, rule.WindowSeconds)),
                QueueLimit = 0,
            }));
}
