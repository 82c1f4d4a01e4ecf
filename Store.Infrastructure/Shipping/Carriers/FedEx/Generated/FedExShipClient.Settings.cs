using System.Text.Json;
using System.Text.Json.Serialization;

namespace Store.Infrastructure.Shipping.Carriers.FedEx.Generated.Ship;

/// <summary>The hand-written half of the generated client (regenerating leaves this file alone).</summary>
public partial class FedExShipClient
{
    // NSwag marks a single enum property for string conversion but not a list of enums, which the carrier reads as
    // strings too; and an unset optional property is left out rather than sent as null, which its schemas refuse.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.Converters.Add(new JsonStringEnumConverter());
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}
