using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Idempotency;
using Store.Web.Storefront;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Store.Web.Api;

/// <summary>
/// Honours an Idempotency-Key header on a POST: the same key and body (from the same customer or cart) replayed,
/// even concurrently, gets the first response and runs the operation once; the same key with another body is 422.
/// </summary>
public class IdempotencyFilter<TRequest>(IdempotencyService idempotency, IOptions<JsonOptions> json, ILogger<IdempotencyFilter<TRequest>> logger) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    /// <summary>
    /// When true the operation runs inside a transaction that also records its answer, so a crash between the two
    /// cannot leave a change whose key looks unused (a retry after the takeover delay would make it twice).
    /// </summary>
    protected virtual bool Atomic => false;

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

        if (Atomic)
        {
            // The transaction runs through the retrying execution strategy: a connection lost before the commit
            // replays the whole operation (a rolled-back attempt left nothing behind).
            // The key is freed only once the strategy gives up, never between its attempts.
            AtomicOutcome atomic;
            try
            {
                atomic = await idempotency.RunAtomicAsync(
                    async (transaction, _) => await RunAsync(context, next, scope, key, transaction),
                    http.RequestAborted);
            }
            catch (Exception failure)
            {
                await AbandonAsync(scope, key, failure);
                throw;
            }

            if (atomic.Committed)
            {
                Committed();
            }

            return atomic.Result;
        }

        return (await RunAsync(context, next, scope, key, null)).Result;
    }

    /// <summary>After the atomic transaction committed: what readers must see only once the change is visible.</summary>
    protected virtual void Committed()
    {
    }

    private async Task<AtomicOutcome> RunAsync(
        EndpointFilterInvocationContext context,
        EndpointFilterDelegate next,
        string scope,
        string key,
        IDbContextTransaction? transaction)
    {
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception failure) when (transaction is null)
        {
            await AbandonAsync(scope, key, failure);
            throw;
        }

        // Results<A, B> wraps the answer that was chosen.
        var answer = result is INestedHttpResult nested ? nested.Result : result;
        var status = (answer as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        if (status >= 500)
        {
            await RollbackAsync(transaction);
            await idempotency.AbandonAsync(scope, key, CancellationToken.None);
            return new AtomicOutcome(result, false);
        }

        // A refusal may come after part of the change was written: nothing of it stays, only the answer is kept.
        if (status >= 400)
        {
            await RollbackAsync(transaction);
        }

        var value = (answer as IValueHttpResult)?.Value;
        var contentType = value is ProblemDetails ? "application/problem+json" : "application/json";
        var body = value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions);
        var location = answer?.GetType().GetProperty("Location")?.GetValue(answer) as string;
        await idempotency.CompleteAsync(scope, key, status, contentType, body, location, CancellationToken.None);
        if (transaction is null || status >= 400)
        {
            return new AtomicOutcome(result, false);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return new AtomicOutcome(result, true);
    }

    private sealed record AtomicOutcome(object? Result, bool Committed);

    private static async Task RollbackAsync(IDbContextTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
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
