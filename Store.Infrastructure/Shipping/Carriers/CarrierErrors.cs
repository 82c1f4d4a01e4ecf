namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>A carrier failure in a line staff can read: the generated clients' exceptions carry the HTTP status, the body only its start.</summary>
public static class CarrierErrors
{
    public static string Describe(Exception e)
    {
        var status = e.GetType().GetProperty("StatusCode")?.GetValue(e);
        var detail = ProviderMessage(e) ?? e.Message;
        detail = detail.Length > 200 ? detail[..200] : detail;
        return status is null ? detail : $"HTTP {status}: {detail}";
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
