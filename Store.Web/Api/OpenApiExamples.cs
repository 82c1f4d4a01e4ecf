using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Store.Web.Api;

/// <summary>
/// Examples for /openapi/v1.json, made from the types the API really serialises (the app's own JSON options, so names,
/// enums as strings and ignored members match the wire). Values follow the member's name where a plain "string" would
/// mislead a reader: an email looks like one, money is minor units, a currency is a code.
/// </summary>
public static class OpenApiExamples
{
    private const int MaxDepth = 6;

    public static JsonNode Problem(int status, bool validation)
    {
        var problem = new JsonObject
        {
            ["type"] = validation ? "https://tools.ietf.org/html/rfc9110#section-15.5.1" : $"https://store.local/problems/{ProblemCode(status)}",
            ["title"] = validation ? "One or more validation errors occurred." : ProblemTitle(status),
            ["status"] = status,
        };
        if (validation)
        {
            problem["errors"] = new JsonObject { ["email"] = new JsonArray("Email is required.") };
        }
        else
        {
            problem["code"] = ProblemCode(status);
        }

        return problem;
    }

    public static JsonNode? For(Type type, JsonSerializerOptions options) => Value(type, "", options, 0);

    private static JsonNode? Value(Type type, string name, JsonSerializerOptions options, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var lower = name.ToLowerInvariant();
        if (type == typeof(string))
        {
            return Text(lower);
        }

        if (type == typeof(bool))
        {
            return !lower.StartsWith("is", StringComparison.Ordinal) || lower.Contains("confirmed", StringComparison.Ordinal);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return Number(lower);
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            return lower.Contains("percent", StringComparison.Ordinal) ? 8.25m : 1.5m;
        }

        if (type == typeof(Guid))
        {
            return "7c9e6679-7425-40de-944b-e07fc1f90ae7";
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "2026-12-03T10:15:00+00:00";
        }

        if (type == typeof(DateOnly))
        {
            return "2026-12-03";
        }

        if (type == typeof(TimeSpan))
        {
            return "01:00:00";
        }

        if (type.IsEnum)
        {
            return JsonSerializer.SerializeToNode(Enum.GetValues(type).GetValue(0), type, options);
        }

        if (type == typeof(JsonElement) || type == typeof(JsonNode) || type == typeof(object) || depth > MaxDepth)
        {
            return new JsonObject();
        }

        var info = options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
                return new JsonArray(Value(info.ElementType!, Singular(name), options, depth + 1));
            case JsonTypeInfoKind.Dictionary:
                return new JsonObject { [info.KeyType == typeof(string) ? "key" : "1"] = Value(info.ElementType!, name, options, depth + 1) };
            case JsonTypeInfoKind.Object:
                var example = new JsonObject();
                foreach (var property in info.Properties.Where(p => p.Get is not null))
                {
                    example[property.Name] = Value(property.PropertyType, property.Name, options, depth + 1);
                }

                return example;
            default:
                return "string";
        }
    }

    private static JsonNode Text(string name) => name switch
    {
        _ when name.Contains("email", StringComparison.Ordinal) => "shopper@example.com",
        _ when name.Contains("password", StringComparison.Ordinal) => "Correct-Horse-9",
        _ when name.Contains("currency", StringComparison.Ordinal) => "USD",
        "country" => "US",
        "region" => "TX",
        "city" => "Austin",
        "postalcode" => "78701",
        "line1" => "1 Main St",
        "line2" => "Apt 4",
        "name" or "productname" => "Alpine Tee",
        "slug" or "productslug" or "categoryslug" => "alpine-tee",
        "sku" => "TEE-ALP-M",
        "brand" => "Northwind",
        "phone" => "+1 512 555 0100",
        "q" or "query" => "tee",
        "tokentype" => "Bearer",
        "accesstoken" or "refreshtoken" => "CfDJ8…",
        "trackingnumber" => "1Z999AA10123456784",
        "carrier" => "UPS",
        _ when name.EndsWith("url", StringComparison.Ordinal) => "/pay/test/7c9e6679-7425-40de-944b-e07fc1f90ae7",
        _ when name.EndsWith("code", StringComparison.Ordinal) => "WELCOME10",
        _ => name.Length == 0 ? "text" : $"{name} text",
    };

    private static JsonNode Number(string name) => name switch
    {
        _ when name.EndsWith("minor", StringComparison.Ordinal) => 2500,
        _ when name.Contains("quantity", StringComparison.Ordinal) || name.Contains("count", StringComparison.Ordinal) => 1,
        _ when name.Contains("expires", StringComparison.Ordinal) => 3600,
        "number" or "ordernumber" => 1042,
        "status" => 200,
        _ => 42,
    };

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;

    private static string ProblemCode(int status) => status switch
    {
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        409 => "conflict",
        415 => "unsupported-media-type",
        422 => "rule-broken",
        429 => "too-many-requests",
        _ => "error",
    };

    private static string ProblemTitle(int status) => status switch
    {
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        415 => "Unsupported Media Type",
        422 => "The request breaks a rule of the store.",
        429 => "Too many requests from this address.",
        _ => "Error",
    };
}
