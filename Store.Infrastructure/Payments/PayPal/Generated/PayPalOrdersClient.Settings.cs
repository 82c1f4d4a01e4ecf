using System.Text.Json;
using System.Text.Json.Serialization;

namespace Store.Infrastructure.Payments.PayPal.Generated.Orders;

/// <summary>The hand-written half of the generated client (regenerating leaves this file alone).</summary>
public partial class PayPalOrdersClient
{
    // NSwag marks a single enum property for string conversion but not a list of enums (a PayPal capture's
    // seller_protection.dispute_categories), which the providers send as strings too: one converter reads both.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => settings.Converters.Add(new JsonStringEnumConverter());
}
