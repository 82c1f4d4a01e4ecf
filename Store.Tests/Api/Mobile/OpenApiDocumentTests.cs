using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Store.Tests.Support;

namespace Store.Tests.Api.Mobile;

/// <summary>
/// What a generated client needs from /openapi/v1.json, checked on every /api operation: a unique operationId (the
/// method's name), every error answer with a ProblemDetails body, and an example on each request and response body.
/// </summary>
public class OpenApiDocumentTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    [Fact]
    public async Task Document_ForEveryApiOperation_HasAUniqueOperationIdErrorsAndExamples()
    {
        var document = (await app.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var operations = Operations(document).ToList();
        var faults = new List<string>();

        foreach (var (name, operation) in operations)
        {
            if (operation["operationId"]?.GetValue<string>() is not { Length: > 0 })
            {
                faults.Add($"{name}: no operationId");
            }

            var responses = operation["responses"]!.AsObject();
            var errors = responses.Where(r => r.Key.StartsWith('4')).ToList();
            if (errors.Count == 0)
            {
                faults.Add($"{name}: no 4xx response");
            }

            foreach (var (status, response) in errors)
            {
                if (response!["content"]?["application/problem+json"] is not { } problem || problem["example"] is null)
                {
                    faults.Add($"{name}: {status} has no ProblemDetails body with an example");
                }
            }

            foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('2')))
            {
                faults.AddRange(MediaWithoutExample(response!["content"]).Select(media => $"{name}: {status} {media} has no example"));
            }

            faults.AddRange(MediaWithoutExample(operation["requestBody"]?["content"]).Select(media => $"{name}: request {media} has no example"));
        }

        var duplicates = operations.GroupBy(o => o.Operation["operationId"]?.GetValue<string>()).Where(g => g.Key is not null && g.Count() > 1).Select(g => g.Key);
        Assert.True(operations.Count > 40, $"Only {operations.Count} /api operations found.");
        Assert.Empty(duplicates);
        Assert.Empty(faults);
    }

    [Fact]
    public async Task Document_ForTheSignedInAndStaffRoutes_Declares401And403AndTheBearerScheme()
    {
        var document = (await app.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var paths = document["paths"]!;

        var orders = paths["/api/orders"]!["get"]!;
        var inventory = paths["/api/inventory"]!["get"]!;
        var tracking = paths["/api/orders/{id}/tracking"]!["get"]!;

        Assert.Equal("getOrders", orders["operationId"]!.GetValue<string>());
        Assert.NotNull(orders["responses"]!["401"]);
        Assert.Contains(orders["security"]!.AsArray(), s => s!.AsObject().ContainsKey("Bearer"));
        Assert.NotNull(inventory["responses"]!["403"]);
        Assert.Equal("getOrdersByIdTracking", tracking["operationId"]!.GetValue<string>());
        Assert.NotNull(tracking["responses"]!["404"]);
        Assert.NotNull(paths["/api/account/login"]!["post"]!["responses"]!["429"]);
    }

    private static IEnumerable<(string Name, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        where path.Key.StartsWith("/api", StringComparison.Ordinal)
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!.AsObject());

    private static IEnumerable<string> MediaWithoutExample(JsonNode? content) =>
        content is JsonObject media ? media.Where(m => m.Value?["example"] is null).Select(m => m.Key) : [];
}
