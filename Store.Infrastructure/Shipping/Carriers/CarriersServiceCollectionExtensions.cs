using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Shipping.Carriers.Ups;

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
        services.AddSingleton<LiveShippingRates>();
        services.AddScoped<CarrierLabelService>();
        services.AddScoped<CarrierTrackingService>();
        services.AddScoped<Outbox.IOutboxHandler, CarrierLabelHandler>();
        return services;
    }
}
