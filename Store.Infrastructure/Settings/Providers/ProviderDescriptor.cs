namespace Store.Infrastructure.Settings.Providers;

/// <summary>
/// A payment provider or carrier as the settings page knows it: its fields and which of them must be set before it is
/// used. Its options are bound from the same paths configuration uses, so a provider added here needs no other wiring
/// to be stored, encrypted, shown and applied.
/// </summary>
public sealed record ProviderDescriptor(string Code, string Name, ProviderKind Kind, IReadOnlyList<ProviderField> Fields, IReadOnlyList<string> Required)
{
    public ProviderField Field(string name) => Fields.First(f => f.Name == name);
}
