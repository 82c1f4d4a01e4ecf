namespace Store.Infrastructure.Settings;

public enum SettingSource
{
    Default,
    Database,
    Configuration,
}

/// <summary>One setting as the settings page shows it: the value in force, where it comes from, and whether the page may change it.</summary>
public sealed record SettingView(string Key, string Label, string Value, SettingSource Source)
{
    /// <summary>Configuration (appsettings, environment) sets it: saving it here would change nothing, so the page locks it.</summary>
    public bool Locked => Source == SettingSource.Configuration;
}
