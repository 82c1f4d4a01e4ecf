using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Store.Infrastructure.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Cross-instance invalidation of the in-process caches: PostgreSQL LISTEN/NOTIFY on the store's own database.
    /// </summary>
    public static IServiceCollection AddStoreCaching(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddSingleton<CacheInstance>();
        services.AddSingleton<LocalCaches>();
        services.AddSingleton<ICacheBackplane>(sp => new PostgresCacheBackplane(
            new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString)
            {
                MaxPoolSize = 2,
                ApplicationName = "store-cache-notify",
            }.ConnectionString).Build(),
            sp.GetRequiredService<CacheInstance>(),
            sp.GetRequiredService<ILogger<PostgresCacheBackplane>>()));
        services.AddHostedService(sp => new PostgresCacheListener(
            PostgresCacheListener.ListenerConnectionString(connectionString),
            sp.GetRequiredService<LocalCaches>(),
            sp.GetRequiredService<CacheInstance>(),
            sp.GetRequiredService<ILogger<PostgresCacheListener>>()));
        return services;
    }
}
