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

    // UPS, FedEx and USPS put their reason in the error body ("message"); the exception's own message is generic.
    private static string? ProviderMessage(Exception e)
    {
        if (e.GetType().GetProperty("Response")?.GetValue(e) is not string body || string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return FirstMessage(json.RootElement);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? FirstMessage(System.Text.Json.JsonElement element)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("message") && property.Value.ValueKind == System.Text.Json.JsonValueKind.String)
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
