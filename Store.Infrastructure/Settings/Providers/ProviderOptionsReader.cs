using System.Globalization;
using System.Reflection;

namespace Store.Infrastructure.Settings.Providers;

/// <summary>
/// Reads a field's value in force from the bound options (PaymentOptions for "Payments:…", CarrierOptions for
/// "Carriers:…"), following the same property path configuration binds, so the page shows what the store uses.
/// </summary>
public static class ProviderOptionsReader
{
    public static string Read(object root, string key)
    {
        object? current = root;
        foreach (var segment in key.Split(':').Skip(1))
        {
            current = current?.GetType().GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.GetValue(current);
        }

        return current switch
        {
            null => "",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => current.ToString() ?? "",
        };
    }

    /// <summary>Whether every field the provider needs has a value in <paramref name="root"/>.</summary>
    public static bool IsConfigured(ProviderDescriptor provider, object root) =>
        provider.Required.All(name => Read(root, provider.Field(name).Key).Length > 0);
}
