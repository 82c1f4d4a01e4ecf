using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Store.Web.Api;

/// <summary>
/// Unreadable requests (bad JSON, a query value of the wrong type) become a 400 that says what was wrong, and
/// any other failure under /api a 500 ProblemDetails without internals; pages fall through to the error page.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails problem;
        // The middleware has already pointed the request at the error page (/error) when handlers run: the path the
        // client asked for is in the feature. Reading Request.Path here made every API failure an HTML error page.
        var isApi = new PathString(http.Features.Get<IExceptionHandlerFeature>()?.Path ?? http.Request.Path).StartsWithSegments("/api");
        if (exception is BadHttpRequestException bad)
        {
            http.Response.StatusCode = bad.StatusCode;
            problem = new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = bad.Message };
        }
        else if (isApi && HasNulCharacter(exception))
        {
            // A NUL character in a JSON string: PostgreSQL refuses it, the transaction rolled back, nothing was written.
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            problem = new ProblemDetails { Status = 400, Title = "The request could not be read.", Detail = "A value contains a NUL character, which cannot be stored." };
        }
        else if (isApi)
        {
            logger.LogError(exception, "Unhandled error in {Path}", http.Features.Get<IExceptionHandlerFeature>()?.Path);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            problem = new ProblemDetails { Status = 500, Title = "Something went wrong on our side. Nothing was charged; please try again." };
        }
        else
        {
            return false;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>PostgreSQL refused a NUL in a text value (SQLSTATE 22021), however deep EF or Npgsql wrapped it.</summary>
    private static bool HasNulCharacter(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.CharacterNotInRepertoire })
            {
                return true;
            }
        }

        return false;
    }
}
