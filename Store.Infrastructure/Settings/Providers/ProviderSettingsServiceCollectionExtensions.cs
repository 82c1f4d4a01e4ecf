using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Shipping.Carriers;

namespace Store.Infrastructure.Settings.Providers;

public static class ProviderSettingsServiceCollectionExtensions
{
    /// <summary>
    /// Provider credentials from the settings page as a layer of PaymentOptions and CarrierOptions under configuration.
    /// Must come before AddPayments and AddStoreCarriers: options setups run in registration order, so configuration,
    /// bound there, wins.
    /// </summary>
    public static IServiceCollection AddProviderSettings(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddSingleton(sp => new ProviderSettingsSource(
            connectionString,
            configuration,
            sp.GetRequiredService<IDataProtectionProvider>(),
            sp.GetRequiredService<CarrierTokenCache>(),
            sp.GetRequiredService<ILogger<ProviderSettingsSource>>()));
        services.AddSingleton<IConfigureOptions<PaymentOptions>>(sp => sp.GetRequiredService<ProviderSettingsSource>());
        services.AddSingleton<IConfigureOptions<CarrierOptions>>(sp => sp.GetRequiredService<ProviderSettingsSource>());
        services.AddSingleton<IOptionsChangeTokenSource<PaymentOptions>>(sp => sp.GetRequiredService<ProviderSettingsSource>());
        services.AddSingleton<IOptionsChangeTokenSource<CarrierOptions>>(sp => sp.GetRequiredService<ProviderSettingsSource>());
        services.AddScoped<ProviderSettingsService>();
        return services;
    }
}
