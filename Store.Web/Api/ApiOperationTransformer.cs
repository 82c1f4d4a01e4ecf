using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Store.Web.Security;

namespace Store.Web.Api;

/// <summary>
/// Makes every /api operation in /openapi/v1.json usable by a generated client, in one place rather than on each
/// endpoint: a stable operationId made from the method and route (clients name their methods after it), the error
/// answers the pipeline really gives (ProblemDetails), and an example for each request and response body.
/// </summary>
/// <remarks>
/// Errors every operation can meet are added here: 400 (unreadable JSON, a parameter of the wrong type, a NUL in the
/// query), 401 and 403 from its authorisation metadata, 404 when the route names something, 429 where an address is
/// rate limited. The refusals only a handler knows (409, 422, 403 by a rule) are declared on the endpoint with
/// ProducesProblem; they get their ProblemDetails schema and example here too.
/// </remarks>
public sealed class ApiOperationTransformer(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IOpenApiOperationTransformer, IOpenApiSchemaTransformer
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>
    /// Two things generated clients trip on. Enums travel as their names (JsonStringEnumConverter), but their schema
    /// comes without a type, so clients read them as numbers and fail on "Paid": they are strings. Numbers come as
    /// integer-or-string with a digits pattern (the web JSON defaults also read "42"), and NSwag then types an int's
    /// default as the string "1": the store always writes numbers, so numbers is what the document says.
    /// </summary>
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Enum is { Count: > 0 } && schema.Type is null)
        {
            schema.Type = JsonSchemaType.String;
        }

        if (schema.Type is { } json && json.HasFlag(JsonSchemaType.String) && (json.HasFlag(JsonSchemaType.Integer) || json.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = json & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var route = description.RelativePath?.Split('?')[0].TrimEnd('/') ?? "";
        if (!route.StartsWith("api/", StringComparison.Ordinal) && route != "api")
        {
            return;
        }

        operation.OperationId = OperationId(description.HttpMethod ?? "GET", route);
        operation.Responses ??= new OpenApiResponses();
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();

        Declare(operation, StatusCodes.Status400BadRequest, "The request could not be read: malformed JSON, a value of the wrong type or a rule of the input broken.");
        if (authorize.Count > 0 && !anonymous)
        {
            Declare(operation, StatusCodes.Status401Unauthorized, "No valid cookie or bearer token: signed out, expired or revoked.");
            if (authorize.Any(a => a.Policy is not null || a.Roles is not null))
            {
                Declare(operation, StatusCodes.Status403Forbidden, "Signed in, but the account's role does not allow this.");
            }
        }

        if (route.Contains('{', StringComparison.Ordinal))
        {
            Declare(operation, StatusCodes.Status404NotFound, "Nothing with that identifier (or not the caller's).");
        }

        if (RateLimitFilter.AccountApiAction(description.HttpMethod, route) is not null)
        {
            Declare(operation, StatusCodes.Status429TooManyRequests, "Too many requests from this address; Retry-After says when to try again.");
        }

        var problemSchema = await SchemaAsync(context, typeof(ProblemDetails), "ProblemDetails", cancellationToken);
        var validationSchema = await SchemaAsync(context, typeof(HttpValidationProblemDetails), "HttpValidationProblemDetails", cancellationToken);
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete || !int.TryParse(status, out var code))
            {
                continue;
            }

            if (code >= 400)
            {
                var validation = code == StatusCodes.Status400BadRequest;
                concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
                if (concrete.Content.Count == 0)
                {
                    concrete.Content[ProblemJson] = new OpenApiMediaType { Schema = validation ? validationSchema : problemSchema };
                }

                foreach (var media in concrete.Content.Values)
                {
                    media.Example ??= OpenApiExamples.Problem(code, validation);
                }
            }
            else if (concrete.Content is { Count: > 0 } && ResponseType(description, code) is { } type)
            {
                foreach (var media in concrete.Content.Values)
                {
                    media.Example ??= OpenApiExamples.For(type, json.Value.SerializerOptions);
                }
            }
        }

        if (operation.RequestBody is OpenApiRequestBody { Content: { Count: > 0 } content } && RequestType(description) is { } requestType)
        {
            foreach (var media in content.Values)
            {
                media.Example ??= OpenApiExamples.For(requestType, json.Value.SerializerOptions);
            }
        }
    }

    /// <summary>"GET api/orders/{id}/tracking" → getOrdersByIdTracking: unique while routes are, and stable while they stay.</summary>
    public static string OperationId(string method, string route)
    {
        var words = route.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(segment =>
            segment.StartsWith('{') ? "By" + Pascal(segment.Trim('{', '}').Split(':')[0]) : Pascal(segment));
        return method.ToLowerInvariant() + string.Concat(words);
    }

    private static string Pascal(string text) =>
        string.Concat(text.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static void Declare(OpenApiOperation operation, int status, string description) =>
        operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse { Description = description });

    private static Type? ResponseType(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, int status) =>
        description.SupportedResponseTypes.LastOrDefault(r => r.StatusCode == status && r.Type is not null && r.Type != typeof(void))?.Type;

    private static Type? RequestType(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description) =>
        description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type
        ?? description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().FirstOrDefault()?.RequestType;

    private static async Task<IOpenApiSchema> SchemaAsync(OpenApiOperationTransformerContext context, Type type, string id, CancellationToken ct)
    {
        if (context.Document?.Components?.Schemas?.ContainsKey(id) != true)
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, ct);
            context.Document?.AddComponent(id, schema);
        }

        return new OpenApiSchemaReference(id, context.Document);
    }
}
