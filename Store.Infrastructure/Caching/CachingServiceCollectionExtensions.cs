using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Store.Infrastructure.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Cross-instance invalidation of the in-process caches: PostgreSQL LISTEN/NOTIFY on the store's own database, or,
    /// where ConnectionStrings:Redis is set, Redis pub/sub plus Redis as the catalog cache's second level.
    /// </summary>
    public static IServiceCollection AddStoreCaching(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddSingleton<CacheInstance>();
        services.AddSingleton<LocalCaches>();
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            // Several stores may share one Redis: by default each keeps to its own database's name.
            var prefix = configuration["Store:Redis:Prefix"] is { Length: > 0 } configured
                ? configured
                : "store:" + new NpgsqlConnectionStringBuilder(connectionString).Database;
            return services.AddRedisCaching(redis, prefix);
        }

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

    private static IServiceCollection AddRedisCaching(this IServiceCollection services, string connectionString, string prefix)
    {
        // Parsed now: a connection string Redis cannot read stops the start, where an unreachable Redis never does.
        var options = RedisConnection.Options(connectionString);
        services.AddSingleton(sp => new RedisConnection(options, prefix, sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<RedisConnection>((o, connection) =>
        {
            o.InstanceName = prefix + ":";
            o.ConnectionMultiplexerFactory = connection.GetAsync;
        });
        services.AddSingleton<CatalogSecondLevel>();
        services.AddSingleton<ICacheBackplane, RedisCacheBackplane>();
        services.AddHostedService<RedisCacheListener>();
        return services;
    }
}
