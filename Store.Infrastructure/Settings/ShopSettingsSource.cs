using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Npgsql;
using Store.Infrastructure.Common;

namespace Store.Infrastructure.Settings;

/// <summary>
/// The owner's saved settings (table store_settings) as the lowest layer of <see cref="ShopOptions"/>: the class's
/// defaults, then these, then configuration (appsettings, environment), which always wins. Held in memory and read
/// again after a save on this instance (the change token makes IOptionsMonitor rebuild ShopOptions) and at most
/// <see cref="MaxAge"/> after a save on another instance.
/// </summary>
public sealed class ShopSettingsSource(string connectionString, IConfigurationSection configured, ILogger<ShopSettingsSource> logger)
    : IConfigureOptions<ShopOptions>, IOptionsChangeTokenSource<ShopOptions>
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, string> _values = new Dictionary<string, string>();
    private DateTimeOffset? _loadedAt;
    private CancellationTokenSource _changed = new();
    private int _refreshing;

    public string? Name => Options.DefaultName;

    /// <summary>True when appsettings or the environment sets this key (a path under "Store:"), which then overrides anything saved.</summary>
    public bool IsConfigured(string key) => configured[key] is not null;

    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    public void Configure(ShopOptions options)
    {
        var values = Values();
        if (values.Count == 0)
        {
            return;
        }

        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)))
            .Build()
            .Bind(options);
    }

    /// <summary>Reads the table again and tells IOptionsMonitor that ShopOptions changed.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        var values = await ReadAsync(ct);
        CancellationTokenSource previous;
        lock (_gate)
        {
            _values = values ?? _values;
            _loadedAt = values is null ? null : DateTimeOffset.UtcNow;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        await previous.CancelAsync();
        previous.Dispose();
    }

    /// <summary>Starts a reload in the background when the values are older than <see cref="MaxAge"/>; callers never wait on it.</summary>
    public void RefreshIfStale()
    {
        DateTimeOffset? loadedAt;
        lock (_gate)
        {
            loadedAt = _loadedAt;
        }

        if (loadedAt is null || DateTimeOffset.UtcNow - loadedAt < MaxAge || Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await ReloadAsync();
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Store settings could not be read again; the previous values stay");
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    private IReadOnlyDictionary<string, string> Values()
    {
        lock (_gate)
        {
            if (_loadedAt is not null)
            {
                return _values;
            }
        }

        // First use: options are built synchronously, so this one read blocks; every later one is a background reload.
        // It runs on the thread pool: blocking on it under a renderer's synchronisation context (a Blazor circuit,
        // bUnit) would otherwise wait for a continuation that context can never run.
        var values = Task.Run(() => ReadAsync(CancellationToken.None)).GetAwaiter().GetResult();
        lock (_gate)
        {
            if (values is not null)
            {
                _values = values;
                _loadedAt = DateTimeOffset.UtcNow;
            }

            return _values;
        }
    }

    /// <summary>The saved settings; null while the database or its table does not exist yet (before the first migration).</summary>
    private async Task<IReadOnlyDictionary<string, string>?> ReadAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT key, value FROM store_settings", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (await reader.ReadAsync(ct))
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }

            return values;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidCatalogName)
        {
            return null;
        }
    }
}
