using System.Text.Json;
using System.Text.Json.Serialization;

namespace Store.Infrastructure.Payments.PayPal.Generated.Webhooks;

/// <summary>The hand-written half of the generated client (regenerating leaves this file alone).</summary>
public partial class PayPalWebhooksClient
{
    // NSwag marks a single enum property for string conversion but not a list of enums (a PayPal capture's
    // seller_protection.dispute_categories), which the providers send as strings too: one converter reads both.
    // A received event is sent back to verify-webhook-signature as the bytes PayPal posted (see ReceivedEventConverter).
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.Converters.Add(new JsonStringEnumConverter());
        settings.Converters.Add(new ReceivedEventConverter());
    }
}

/// <summary>The hand-written half of the generated event: what PayPal posted, byte for byte.</summary>
public partial class Event
{
    /// <summary>The event exactly as PayPal posted it, when it came from a delivery; never serialised as a property.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> Received { get; private set; }

    /// <summary>The event of a webhook delivery, keeping its bytes; null when the body is not a JSON object.</summary>
    public static Event? FromReceived(ReadOnlyMemory<byte> body)
    {
        var json = Trim(body);
        try
        {
            var parsed = JsonSerializer.Deserialize<Event>(json.Span);
            if (parsed is not null)
            {
                parsed.Received = json;
            }

            return parsed;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Whitespace around the object is not part of the event; inside it, every byte is kept.
    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var start = 0;
        var end = span.Length;
        while (start < end && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        while (end > start && span[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        return body[start..end];
    }
}

/// <summary>
/// PayPal's verify-webhook-signature checks its signature against the webhook_event it is sent, which its docs ask
/// to be the event exactly as received: a re-serialised event (other whitespace, key order or escapes) can fail
/// verification. An event that came from a delivery is therefore written as its received bytes; any other event as usual.
/// </summary>
internal sealed class ReceivedEventConverter : JsonConverter<Event>
{
    private static readonly JsonSerializerOptions Plain = new();

    public override Event? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Event>(ref reader, Plain);

    public override void Write(Utf8JsonWriter writer, Event value, JsonSerializerOptions options)
    {
        if (value.Received.IsEmpty)
        {
            JsonSerializer.Serialize(writer, value, Plain);
            return;
        }

        // Validated (not skipped): a body that is not one JSON value must not corrupt the request around it.
        writer.WriteRawValue(value.Received.Span, skipInputValidation: false);
    }
}
