using Npgsql;

namespace Store.E2E.Support;

/// <summary>
/// A database of its own for one run of the app, on the PostgreSQL of ./store.sh (STORE_TEST_PG), created empty
/// (the app migrates and seeds it on start) and dropped at the end.
/// </summary>
public sealed class E2EDatabase : IAsyncDisposable
{
    public const string DefaultServer = "Host=127.0.0.1;Port=55432;Username=store;Password=store-dev-only;Database=store";

    private E2EDatabase(string name, NpgsqlDataSource dataSource)
    {
        Name = name;
        DataSource = dataSource;
        ConnectionString = ConnectionStringFor(name);
    }

    public string Name { get; }

    /// <summary>What the app is given as ConnectionStrings__Store.</summary>
    public string ConnectionString { get; }

    /// <summary>For the test's own checks of what the app wrote.</summary>
    public NpgsqlDataSource DataSource { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("STORE_TEST_PG") is { Length: > 0 } cs ? cs : DefaultServer;

    public static async Task<E2EDatabase> CreateAsync(CancellationToken ct = default)
    {
        var name = "store_e2e_" + Guid.NewGuid().ToString("N");
        await ExecuteOnServerAsync($"CREATE DATABASE {name}", ct);
        return new E2EDatabase(name, NpgsqlDataSource.Create(ConnectionStringFor(name)));
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", CancellationToken.None);
    }

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    private static async Task ExecuteOnServerAsync(string sql, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
