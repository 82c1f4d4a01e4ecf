namespace Store.Infrastructure.Settings.Providers;

/// <summary>
/// One provider setting saved from the settings page, keyed by its configuration path under "Store:". A secret's
/// <see cref="Value"/> is Data Protection ciphertext, never the secret itself.
/// </summary>
public sealed class StoredProviderSetting
{
    private StoredProviderSetting()
    {
    }

    public StoredProviderSetting(string key, string value, bool secret, string updatedBy, DateTimeOffset updatedAt)
    {
        Key = key;
        Change(value, secret, updatedBy, updatedAt);
    }

    public string Key { get; private set; } = "";
    public string Value { get; private set; } = "";
    public bool Secret { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Change(string value, bool secret, string updatedBy, DateTimeOffset updatedAt)
    {
        Value = value;
        Secret = secret;
        UpdatedBy = updatedBy;
        UpdatedAt = updatedAt;
    }
}
