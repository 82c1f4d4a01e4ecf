using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Shipping.Carriers.FedEx;
using Store.Infrastructure.Shipping.Carriers.Ups;
using Store.Infrastructure.Shipping.Carriers.Usps;

namespace Store.Infrastructure.Shipping.Carriers;

public static class CarriersServiceCollectionExtensions
{
    public static IServiceCollection AddStoreCarriers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CarrierOptions>()
            .Bind(configuration.GetSection(CarrierOptions.Section))
            .Validate(o => o.RateTimeout > TimeSpan.Zero && o.RateCacheLifetime >= TimeSpan.Zero, "Store:Carriers timeouts are positive.");
        services.AddHttpClient(UpsCarrier.HttpClientName);
        services.AddSingleton<CarrierTokenCache>();
        services.AddSingleton<CarrierHealth>();
        services.AddSingleton<IShippingCarrier, UpsCarrier>();
        services.AddHttpClient(UspsCarrier.HttpClientName);
        services.AddSingleton<UspsCarrier>();
        services.AddSingleton<IShippingCarrier>(sp => sp.GetRequiredService<UspsCarrier>());
        services.AddSingleton<ICarrierLabels>(sp => sp.GetRequiredService<UspsCarrier>());
        services.AddSingleton<ICarrierTracking>(sp => sp.GetRequiredService<UspsCarrier>());
        services.AddHttpClient(FedExCarrier.HttpClientName);
        services.AddSingleton<FedExCarrier>();
        services.AddSingleton<IShippingCarrier>(sp => sp.GetRequiredService<FedExCarrier>());
        services.AddSingleton<ICarrierLabels>(sp => sp.GetRequiredService<FedExCarrier>());
        services.AddSingleton<ICarrierTracking>(sp => sp.GetRequiredService<FedExCarrier>());
        services.AddSingleton<LiveShippingRates>();
        return services;
    }
}
