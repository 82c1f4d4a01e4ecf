namespace Store.Infrastructure.Settings.Providers;

public enum ProviderKind
{
    Payment,
    Carrier,
}
