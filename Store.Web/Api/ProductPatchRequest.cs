using System.Text.Json;
using Store.Infrastructure.Catalog;

namespace Store.Web.Api;

public sealed record VariantPatch(long? PriceMinor);

/// <summary>
/// PATCH /api/products/{id} as a JSON merge patch (RFC 7396): members left out stay as they are; null removes, which
/// only the description allows. <c>priceMinor</c> prices every variant, <c>variants</c> prices them by SKU.
/// Documents the body in OpenAPI; the handler reads it with <see cref="Read"/> to tell absent from null.
/// </summary>
public sealed record ProductPatchRequest(string? Name, string? Description, bool? Published, long? PriceMinor, IReadOnlyDictionary<string, VariantPatch>? Variants)
{
    public const string MergePatchJson = "application/merge-patch+json";

    public static (ProductPatch? Patch, Dictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["Body"] = ["The body is a JSON object of the members to change."];
            return (null, errors);
        }

        var patch = new ProductPatch();
        foreach (var member in body.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "name" when value.ValueKind == JsonValueKind.String:
                    patch = patch with { Name = value.GetString() };
                    break;
                case "description" when value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    patch = patch with { Description = value.GetString() ?? "" };
                    break;
                case "published" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    patch = patch with { Published = value.GetBoolean() };
                    break;
                case "priceMinor" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var price):
                    patch = patch with { PriceMinor = price };
                    break;
                case "variants" when value.ValueKind == JsonValueKind.Object && VariantPrices(value) is { } prices:
                    patch = patch with { VariantPrices = prices };
                    break;
                case "name" or "description" or "published" or "priceMinor" or "variants":
                    errors[member.Name] = [Expected(member.Name)];
                    break;
                default:
                    errors[member.Name] = ["Not something PATCH changes: name, description, published, priceMinor or variants."];
                    break;
            }
        }

        return (errors.Count == 0 ? patch : null, errors);
    }

    private static string Expected(string member) => member switch
    {
        "name" => "name is a string (a product keeps its name: null cannot remove it).",
        "description" => "description is a string, or null to clear it.",
        "published" => "published is true or false.",
        "priceMinor" => "priceMinor is a whole number of minor units (cents).",
        _ => "variants maps SKUs to {\"priceMinor\": whole minor units}.",
    };

    private static Dictionary<string, long>? VariantPrices(JsonElement variants)
    {
        var prices = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var variant in variants.EnumerateObject())
        {
            if (variant.Value.ValueKind != JsonValueKind.Object
                || !variant.Value.TryGetProperty("priceMinor", out var price)
                || price.ValueKind != JsonValueKind.Number
                || !price.TryGetInt64(out var minor)
                || variant.Value.EnumerateObject().Count() != 1)
            {
                return null;
            }

            prices[variant.Name] = minor;
        }

        return prices;
    }
}
