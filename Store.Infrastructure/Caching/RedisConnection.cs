using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Store.Infrastructure.Caching;

/// <summary>
/// The one Redis connection of this instance (ConnectionStrings:Redis), shared by the catalog's second level and the
/// invalidation backplane. The store must start and serve without Redis: connecting never fails or blocks start-up
/// (the client keeps reconnecting in the background), and a command sent while disconnected fails at once instead of
/// queueing, so a request falls back to the database instead of waiting for Redis.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;

    public RedisConnection(ConfigurationOptions options, string prefix, ILogger<RedisConnection> logger)
    {
        Prefix = prefix;
        _connecting = ConnectAsync(options, logger);
    }

    /// <summary>Starts every key and channel name: several stores can share one Redis.</summary>
    public string Prefix { get; }

    /// <summary>The connection when it is up right now; null while connecting or disconnected.</summary>
    public IConnectionMultiplexer? Connected =>
        _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected ? _connecting.Result : null;

    public async Task<IConnectionMultiplexer> GetAsync() => await _connecting;

    /// <summary>
    /// The client's options from a StackExchange.Redis connection string ("host:6379,password=…"), with the store's
    /// defaults where the string sets nothing: a dead connection noticed within seconds, a slow command given up
    /// after one second, reconnect attempts growing to 5 s.
    /// </summary>
    public static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        if (!Sets(connectionString, "keepAlive"))
        {
            options.KeepAlive = 5;
        }

        if (!Sets(connectionString, "connectTimeout"))
        {
            options.ConnectTimeout = 2000;
        }

        if (!Sets(connectionString, "asyncTimeout"))
        {
            options.AsyncTimeout = 1000;
        }

        if (!Sets(connectionString, "syncTimeout"))
        {
            options.SyncTimeout = 1000;
        }

        return options;
    }

    // Also when the first attempt is still under way: the client's background reconnecting ends with it.
    public void Dispose() => _connecting.ContinueWith(
        t => t.Result.Dispose(),
        CancellationToken.None,
        TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
        TaskScheduler.Default);

    private static bool Sets(string connectionString, string option) =>
        connectionString.Split(',').Any(p => p.TrimStart().StartsWith(option + "=", StringComparison.OrdinalIgnoreCase));

    private static async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions options, ILogger logger)
    {
        // Off the caller's thread: the first attempt may take the whole connect timeout when Redis is away.
        await Task.Yield();
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        if (!connection.IsConnected)
        {
            logger.LogWarning("Redis ({Endpoints}) is not reachable; the catalog is read from the database until it is", string.Join(", ", options.EndPoints));
        }

        return connection;
    }
}
