namespace Store.Infrastructure.Settings;

/// <summary>One store setting saved by the owner, keyed by its configuration path under "Store:" (e.g. "Address:City").</summary>
public sealed class StoredSetting
{
    private StoredSetting()
    {
    }

    public StoredSetting(string key, string value, string updatedBy, DateTimeOffset updatedAt)
    {
        Key = key;
        Value = value;
        UpdatedBy = updatedBy;
        UpdatedAt = updatedAt;
    }

    public string Key { get; private set; } = "";
    public string Value { get; private set; } = "";
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Change(string value, string updatedBy, DateTimeOffset updatedAt)
    {
        Value = value;
        UpdatedBy = updatedBy;
        UpdatedAt = updatedAt;
    }
}
