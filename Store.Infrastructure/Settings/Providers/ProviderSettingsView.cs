namespace Store.Infrastructure.Settings.Providers;

/// <summary>One field as the page shows it: a secret only as "•••• last 4", where the value comes from, and whether the page may change it.</summary>
public sealed record ProviderFieldView(ProviderField Field, string Shown, bool HasValue, SettingSource Source)
{
    public bool Locked => Source == SettingSource.Configuration;
}

/// <summary>A provider on the page: its fields, whether it has all it needs, and (payments) whether shoppers see it now.</summary>
public sealed record ProviderView(ProviderDescriptor Provider, bool Configured, bool Offered, IReadOnlyList<ProviderFieldView> Fields);

/// <summary>
/// The shopper's payment methods: the owner's list (<see cref="Chosen"/>), what shoppers see now (<see cref="Offered"/>:
/// the chosen ones that are configured, or the test provider), and what may be chosen (<see cref="Available"/>).
/// <see cref="LockedBy"/> names the configuration key that decides instead of the page.
/// </summary>
public sealed record PaymentMethodsView(
    IReadOnlyList<string> Chosen, IReadOnlyList<string> Offered, IReadOnlyList<string> Available, SettingSource Source, string? LockedBy)
{
    public bool Locked => LockedBy is not null;
}

public sealed record ProviderSettingsView(IReadOnlyList<ProviderView> Providers, PaymentMethodsView Methods);
