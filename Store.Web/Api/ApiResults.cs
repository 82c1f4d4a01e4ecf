using Microsoft.AspNetCore.Http.HttpResults;
using Store.Domain.Common;

namespace Store.Web.Api;

/// <summary>The one place where an expected failure becomes an HTTP answer (RFC 7807 ProblemDetails).</summary>
public static class ApiResults
{
    public static ProblemHttpResult Problem(DomainError error) =>
        TypedResults.Problem(
            title: error.Message,
            statusCode: error.Kind switch
            {
                ErrorKind.NotFound => StatusCodes.Status404NotFound,
                ErrorKind.Conflict => StatusCodes.Status409Conflict,
                ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
                ErrorKind.Unavailable => StatusCodes.Status502BadGateway,
                _ => StatusCodes.Status422UnprocessableEntity,
            },
            type: $"https://store.local/problems/{error.Code}",
            extensions: new Dictionary<string, object?> { ["code"] = error.Code });

    public static ValidationProblem Validation(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => e.Value));
}
