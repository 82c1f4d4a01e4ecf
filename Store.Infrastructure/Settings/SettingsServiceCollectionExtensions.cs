using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Common;

namespace Store.Infrastructure.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// ShopOptions from three layers, lowest first: the class's defaults, the owner's saved settings, configuration.
    /// IOptions&lt;ShopOptions&gt; is resolved per use from IOptionsMonitor, so every service and page that injects it
    /// (scoped or transient) sees a save at once; a singleton should take IOptionsMonitor instead.
    /// </summary>
    public static IServiceCollection AddStoreSettings(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddSingleton(sp => new ShopSettingsSource(connectionString, configuration.GetSection(ShopOptions.Section), sp.GetRequiredService<ILogger<ShopSettingsSource>>()));

        // Registered before the configuration binding: options setups run in registration order, so configuration wins.
        services.AddSingleton<IConfigureOptions<ShopOptions>>(sp => sp.GetRequiredService<ShopSettingsSource>());
        services.AddSingleton<IOptionsChangeTokenSource<ShopOptions>>(sp => sp.GetRequiredService<ShopSettingsSource>());
        services.Configure<ShopOptions>(configuration.GetSection(ShopOptions.Section));
        services.PostConfigure<ShopOptions>(o =>
        {
            o.Address.Name = string.IsNullOrWhiteSpace(o.Address.Name) ? o.Name : o.Address.Name;
            o.Address.Email = string.IsNullOrWhiteSpace(o.Address.Email) ? o.ContactEmail : o.Address.Email;
        });
        services.AddTransient<IOptions<ShopOptions>>(sp =>
        {
            sp.GetRequiredService<ShopSettingsSource>().RefreshIfStale();
            return Options.Create(sp.GetRequiredService<IOptionsMonitor<ShopOptions>>().CurrentValue);
        });

        services.AddSingleton<SetupState>();
        services.AddScoped<SettingsService>();
        services.AddScoped<SetupService>();
        return services;
    }
}
