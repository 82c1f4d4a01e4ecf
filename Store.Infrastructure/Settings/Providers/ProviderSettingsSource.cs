using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Npgsql;
using Store.Domain.Payments;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Shipping.Carriers;

namespace Store.Infrastructure.Settings.Providers;

/// <summary>
/// The provider settings saved on the settings page (table provider_settings) as the layer of
/// <see cref="PaymentOptions"/> and <see cref="CarrierOptions"/> between the classes' defaults and configuration,
/// which always wins. Secrets are decrypted here, in memory only. Read again after a save on this instance, when
/// another instance announces a save (<see cref="Caching.CacheNames.Providers"/> over LISTEN/NOTIFY or Redis), and at
/// most <see cref="MaxAge"/> after one whose announcement was lost; each read tells IOptionsMonitor to rebuild.
/// </summary>
public sealed class ProviderSettingsSource(
    string connectionString, IConfiguration configuration, IDataProtectionProvider protection, CarrierTokenCache tokens, ILogger<ProviderSettingsSource> logger)
    : IConfigureOptions<PaymentOptions>, IConfigureOptions<CarrierOptions>, IOptionsChangeTokenSource<PaymentOptions>, IOptionsChangeTokenSource<CarrierOptions>
{
    /// <summary>The Data Protection purpose of stored secrets: no other protector of the store can read them, nor they its payloads.</summary>
    public const string Purpose = "Store.ProviderSettings.Secrets.v1";

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, string> _values = new Dictionary<string, string>();
    private DateTimeOffset? _loadedAt;
    private CancellationTokenSource _changed = new();
    private int _refreshing;

    public string? Name => Options.DefaultName;

    public IDataProtector Protector { get; } = protection.CreateProtector(Purpose);

    /// <summary>The saved values in force on this instance, secrets decrypted.</summary>
    public IReadOnlyDictionary<string, string> Values => Load();

    /// <summary>True when appsettings or the environment sets this key (a path under "Store:"), which then overrides anything saved.</summary>
    public bool IsConfigured(string key) => configuration[$"Store:{key}"] is not null;

    /// <summary>
    /// A single provider named in configuration (Store:Payments:Provider, other than the default "test") is the older
    /// way of choosing the shopper's one method: it stays in force over the page's list unless configuration lists
    /// the methods itself.
    /// </summary>
    public string? ConfiguredSingleProvider =>
        configuration["Store:Payments:Provider"] is { Length: > 0 } p && !p.Equals(PaymentMethods.Test, StringComparison.OrdinalIgnoreCase)
            ? p
            : null;

    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    public void Configure(PaymentOptions options) => Bind(Load(), PaymentOptions.Section, options);

    public void Configure(CarrierOptions options) => Bind(Load(), CarrierOptions.Section, options);

    /// <summary>Binds <paramref name="values"/> (saved or about to be) onto an options object, as the running store would.</summary>
    public void Bind(IReadOnlyDictionary<string, string> values, string section, object options)
    {
        var layer = values.Where(kv => !(kv.Key == ProviderDescriptors.MethodsKey && ConfiguredSingleProvider is not null));
        new ConfigurationBuilder()
            .AddInMemoryCollection(layer.Select(kv => new KeyValuePair<string, string?>($"Store:{kv.Key}", kv.Value)))
            .Build()
            .GetSection(section)
            .Bind(options);
    }

    /// <summary>Binds configuration (appsettings, environment) over <paramref name="options"/>: the layer that wins.</summary>
    public void BindConfiguration(string section, object options) => configuration.GetSection(section).Bind(options);

    /// <summary>Reads the table again and tells IOptionsMonitor that the options changed.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        var values = await ReadAsync(ct);
        CancellationTokenSource previous;
        IReadOnlyDictionary<string, string> before;
        lock (_gate)
        {
            before = _values;
            _values = values ?? _values;
            _loadedAt = values is null ? null : DateTimeOffset.UtcNow;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        if (values is not null)
        {
            ForgetCarrierTokens(before, values);
        }

        await previous.CancelAsync();
        previous.Dispose();
    }

    /// <summary>Another instance saved: read again in the background.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _loadedAt = DateTimeOffset.MinValue;
        }

        RefreshIfStale();
    }

    /// <summary>Starts a reload in the background when the values are older than <see cref="MaxAge"/> or were never read; callers never wait on it.</summary>
    public void RefreshIfStale()
    {
        DateTimeOffset? loadedAt;
        lock (_gate)
        {
            loadedAt = _loadedAt;
        }

        if ((loadedAt is { } at && DateTimeOffset.UtcNow - at < MaxAge) || Interlocked.Exchange(ref _refreshing, 1) == 1)
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
                logger.LogWarning(e, "Provider settings could not be read again; the previous values stay");
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    private IReadOnlyDictionary<string, string> Load()
    {
        lock (_gate)
        {
            if (_loadedAt is not null)
            {
                return _values;
            }
        }

        // First use: options are built synchronously, so this one read blocks (on the thread pool, never under a
        // renderer's synchronisation context); every later one is a background reload.
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

    /// <summary>The saved settings, secrets decrypted; null while the table does not exist yet (before the migration).</summary>
    private async Task<IReadOnlyDictionary<string, string>?> ReadAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT key, value, secret FROM provider_settings", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct))
            {
                var key = reader.GetString(0);
                if (!reader.GetBoolean(2))
                {
                    values[key] = reader.GetString(1);
                    continue;
                }

                try
                {
                    values[key] = Protector.Unprotect(reader.GetString(1));
                }
                catch (CryptographicException e)
                {
                    // The key ring that encrypted it is gone (a database restored without its certificate): the
                    // provider then counts as not configured until the owner enters the secret again.
                    logger.LogError(e, "The saved secret {Key} cannot be decrypted with this store's Data Protection keys; enter it again", key);
                }
            }

            return values;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidCatalogName)
        {
            return null;
        }
    }

    // A cached OAuth token was issued for the old credentials: the next call must fetch one with the new.
    private void ForgetCarrierTokens(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        foreach (var carrier in ProviderDescriptors.All.Where(p => p.Kind == ProviderKind.Carrier))
        {
            if (carrier.Fields.Any(f => before.GetValueOrDefault(f.Key) != after.GetValueOrDefault(f.Key)))
            {
                tokens.Forget(carrier.Code);
            }
        }
    }
}
