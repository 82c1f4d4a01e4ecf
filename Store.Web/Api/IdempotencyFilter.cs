using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Idempotency;
using Store.Web.Storefront;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Store.Web.Api;

/// <summary>
/// Honours an Idempotency-Key header on a POST: the same key and body (from the same customer or cart) replayed,
/// even concurrently, gets the first response and runs the operation once; the same key with another body is 422.
/// </summary>
public sealed class IdempotencyFilter<TRequest>(IdempotencyService idempotency, IOptions<JsonOptions> json, ILogger<IdempotencyFilter<TRequest>> logger) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return await next(context);
        }

        if (key.Length > 200 || key.Any(char.IsControl))
        {
            return TypedResults.Problem(title: "The Idempotency-Key header is 1 to 200 printable characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        var options = json.Value.SerializerOptions;
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, options)));
        var scope = $"{http.Request.Method} {http.Request.Path}|{Owner(http)}";

        switch (await idempotency.BeginAsync(scope, key, hash, http.RequestAborted))
        {
            case IdempotencyStart.Mismatch:
                return TypedResults.Problem(title: "This Idempotency-Key was already used with a different request.", statusCode: StatusCodes.Status422UnprocessableEntity);
            case IdempotencyStart.StillRunning:
                return TypedResults.Problem(title: "A request with this Idempotency-Key is still being processed. Retry shortly.", statusCode: StatusCodes.Status409Conflict);
            case IdempotencyStart.Replay replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                if (replay.Location is not null)
                {
                    http.Response.Headers.Location = replay.Location;
                }

                return Results.Text(replay.Body ?? "", replay.ContentType ?? "application/json", Encoding.UTF8, replay.StatusCode);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception failure)
        {
            await AbandonAsync(scope, key, failure);
            throw;
        }

        // Results<A, B> wraps the answer that was chosen.
        var answer = result is INestedHttpResult nested ? nested.Result : result;
        var status = (answer as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        if (status >= 500)
        {
            await idempotency.AbandonAsync(scope, key, CancellationToken.None);
            return result;
        }

        var value = (answer as IValueHttpResult)?.Value;
        var contentType = value is ProblemDetails ? "application/problem+json" : "application/json";
        var body = value is null ? null : JsonSerializer.Serialize(value, value.GetType(), options);
        var location = answer?.GetType().GetProperty("Location")?.GetValue(answer) as string;
        await idempotency.CompleteAsync(scope, key, status, contentType, body, location, CancellationToken.None);
        return result;
    }

    /// <summary>
    /// Frees the key for the client's retry. When the database is what failed, freeing may fail too: the original
    /// failure is what the client must see (a 503), and the key is taken over once <see cref="IdempotencyService.AbandonedAfter"/> passes.
    /// </summary>
    private async Task AbandonAsync(string scope, string key, Exception failure)
    {
        try
        {
            await idempotency.AbandonAsync(scope, key, CancellationToken.None);
        }
        catch (Exception e) when (Hosting.TransientDatabaseFailure.Is(e))
        {
            logger.LogWarning("Idempotency key {Key} stays claimed after {Failure}: {Error}", key, failure.GetType().Name, e.Message);
        }
    }

    // Keys belong to whoever sent them: a customer, else a guest's cart.
    private static string Owner(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? (CartContext.GuestCartId(http) is { } cart ? $"cart:{cart}" : "anonymous");
}
