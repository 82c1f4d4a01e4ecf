namespace Store.Infrastructure.Settings.Providers;

public enum ProviderFieldKind
{
    Text,
    Url,
    Number,
    Switch,
}

/// <summary>
/// One setting of a provider, by its configuration path under "Store:" (environment: Store__Payments__Stripe__SecretKey).
/// A secret is stored encrypted and never shown back in full.
/// </summary>
public sealed record ProviderField(string Key, string Label, bool Secret = false, ProviderFieldKind Kind = ProviderFieldKind.Text, string? Hint = null)
{
    /// <summary>The last part of the key: the property name within the provider's options.</summary>
    public string Name => Key[(Key.LastIndexOf(':') + 1)..];
}
