using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Store.Domain.Common;
using Store.Infrastructure;
using Store.Infrastructure.Data;
using Store.Infrastructure.Data.DemoData;

namespace Store.Tests.Support;

/// <summary>
/// The real PostgreSQL of ./store.sh. A template database is migrated and seeded once per run; every test class
/// gets its own copy (CREATE DATABASE … TEMPLATE), so classes run in parallel without sharing state.
/// </summary>
public static class TestDatabase
{
    private const string DefaultServer = "Host=127.0.0.1;Port=55432;Username=store;Password=store-dev-only;Database=store";
    private static readonly SemaphoreSlim CreateLock = new(1, 1);
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("STORE_TEST_PG") is { Length: > 0 } cs ? cs : DefaultServer;

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true, MaxPoolSize = 100 }.ConnectionString;

    public static async Task<string> CreateAsync()
    {
        var template = await Template.Value;
        var name = "store_test_" + Guid.NewGuid().ToString("N")[..16];
        await CreateLock.WaitAsync();
        try
        {
            await ExecuteOnServerAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        }
        finally
        {
            CreateLock.Release();
        }

        return name;
    }

    /// <summary>A database with nothing in it, not even the schema: what a new store starts from.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var name = "store_test_empty_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteOnServerAsync($"CREATE DATABASE {name}");
        return name;
    }

    public static async Task DropAsync(string database)
    {
        // Only this database's pool: clearing every pool would close connections other classes are opening right now.
        await using (var connection = new NpgsqlConnection(ConnectionStringFor(database)))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    /// <summary>
    /// The real registrations over <paramref name="database"/>; <paramref name="settings"/> add to or override the
    /// configuration, and <paramref name="configure"/> adds what a test needs (its handlers, a fixed clock, the jobs).
    /// </summary>
    public static ServiceProvider Services(
        string database,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Store"] = ConnectionStringFor(database),
                ["Store:Admin:Email"] = StoreAppFactory.AdminEmail,
                ["Store:Admin:Password"] = StoreAppFactory.AdminPassword,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection().AddLogging().AddStoreInfrastructure(configuration);
        configure?.Invoke(services, configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var name = $"store_test_template_{Environment.ProcessId}";

        // The template outlives every class; drop it when the test run ends so runs leave nothing behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)").GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
                // The server may already be gone; the next run drops a stale template by its own name anyway.
            }
        };
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await ExecuteOnServerAsync($"CREATE DATABASE {name}");
        // Without the demo sales and markdown rule: tests compute exact totals from regular prices. Without the demo
        // pictures: their files would live in one folder while each app under test has its own. Without the demo history:
        // tests count their own orders (DemoHistoryTests seeds it into a database of its own).
        await using (var services = Services(name, new Dictionary<string, string?>
        {
            ["Store:SeedDemoData"] = "true",
            ["Store:SeedDemoPricing"] = "false",
            ["Store:SeedDemoPictures"] = "false",
            ["Store:SeedDemoHistory"] = "false",
        }))
        {
            await DatabaseInitializer.InitializeAsync(services);
        }

        // CREATE DATABASE … TEMPLATE needs the template to have no open connections.
        NpgsqlConnection.ClearAllPools();
        return name;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
