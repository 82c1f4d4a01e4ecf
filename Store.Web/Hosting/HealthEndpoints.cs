using Microsoft.EntityFrameworkCore;
using Npgsql;
using Store.Infrastructure.Data;

namespace Store.Web.Hosting;

/// <summary>
/// Probes for the load balancer and the container runtime. <c>/healthz</c>: the process answers (liveness: restart
/// it if not). <c>/healthz/ready</c>: it can serve shoppers, meaning PostgreSQL answers and every migration this
/// build knows is applied (readiness: send it traffic or not). Neither needs a sign-in or counts against rate limits.
/// </summary>
public static class HealthEndpoints
{
    // Once every migration is applied it stays applied for this process's lifetime (others can only add ones this
    // build does not know), so after the first success readiness costs one "SELECT 1".
    private static volatile bool migrationsApplied;

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/healthz/ready", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReadyAsync(StoreDbContext db, HttpResponse response, CancellationToken ct)
    {
        response.Headers.CacheControl = "no-store";
        string? problem;
        try
        {
            problem = await ProblemAsync(db, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && (e is NpgsqlException or OperationCanceledException || TransientDatabaseFailure.Is(e)))
        {
            problem = "database unreachable";
        }

        if (problem is null)
        {
            return TypedResults.Text("ready");
        }

        response.Headers.RetryAfter = DatabaseUnavailableHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Text(problem, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<string?> ProblemAsync(StoreDbContext db, CancellationToken ct)
    {
        // A connection of its own, not EF's retrying strategy: a probe answers now, it does not wait out a restart.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        await using (var connection = new NpgsqlConnection(db.Database.GetConnectionString()))
        {
            await connection.OpenAsync(timeout.Token);
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteScalarAsync(timeout.Token);
        }

        if (!migrationsApplied)
        {
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                return "migrations pending";
            }

            migrationsApplied = true;
        }

        return null;
    }
}
