using System.Text.Json;
using System.Text.Json.Serialization;

namespace Store.ApiClient;

/// <summary>
/// NSwag marks single enum properties as strings but not lists of them (an order's nextSteps), so the generated
/// client is told through its own hook to read every enum by name, as the document says they travel.
/// </summary>
public partial class StoreClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.Converters.Add(new JsonStringEnumConverter());
}
