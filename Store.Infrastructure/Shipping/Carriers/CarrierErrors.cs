namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>
/// How a carrier call failed, in a line for <see cref="CarrierHealth"/> and staff: the HTTP status and the carrier's
/// own message when its error body has one, else the start of the exception's message.
/// </summary>
internal static class CarrierErrors
{
    // The generated clients' exceptions (and CarrierHttpException) carry the status in a StatusCode property.
    public static int? StatusOf(Exception e) => e.GetType().GetProperty("StatusCode")?.GetValue(e) as int?;

    public static string Describe(Exception e)
    {
        var detail = ProviderMessage(e) ?? e.Message;
        detail = detail.Length > 200 ? detail[..200] : detail;
        return StatusOf(e) is { } status ? $"HTTP {status}: {detail}" : detail;
    }

    // UPS, FedEx and USPS put their reason in the error body ("message"); the exception's own message is generic. The
    // generated clients keep a documented error body as the typed Result, an undocumented one as the Response text.
    private static string? ProviderMessage(Exception e)
    {
        try
        {
            if (e.GetType().GetProperty("Result")?.GetValue(e) is { } result)
            {
                return FirstMessage(System.Text.Json.JsonSerializer.SerializeToElement(result, result.GetType()));
            }

            if (e.GetType().GetProperty("Response")?.GetValue(e) is string body && !string.IsNullOrWhiteSpace(body))
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                return FirstMessage(json.RootElement);
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return null;
    }

    private static string? FirstMessage(System.Text.Json.JsonElement element)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (string.Equals(property.Name, "message", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        return property.Value.GetString();
                    }

                    if (FirstMessage(property.Value) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case System.Text.Json.JsonValueKind.Array:
                return element.EnumerateArray().Select(FirstMessage).FirstOrDefault(m => m is not null);
            default:
                return null;
        }
    }
}
