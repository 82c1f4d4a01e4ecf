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
        if (exception is BadHttpRequestException bad)
        {
            http.Response.StatusCode = bad.StatusCode;
            problem = new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = bad.Message };
        }
        else if (StoreWebExtensions.IsApi(http.Request))
        {
            logger.LogError(exception, "Unhandled error in {Path}", http.Request.Path);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            problem = new ProblemDetails { Status = 500, Title = "Something went wrong on our side. Nothing was charged; please try again." };
        }
        else
        {
            return false;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }
}
