using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Store.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of a test's own (initdb in a temporary folder, a free port, loopback only), for tests that
/// stop or restart the server: the shared cluster of ./store.sh is never touched. Run as the <c>postgres</c> user
/// when the tests run as root, because PostgreSQL refuses to run as root. Removed on dispose.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string User = "store";
    private readonly string bin;
    private readonly string folder;

    private ThrowawayPostgres(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string Data => Path.Combine(folder, "data");

    private string Log => Path.Combine(folder, "server.log");

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, Pooling = true }.ConnectionString;

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL's server binaries (/usr/lib/postgresql/*/bin/initdb) are missing: ./store.sh test installs them.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "store-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var server = new ThrowawayPostgres(bin, folder, FreePort());
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", $"postgres:postgres {folder}");
            }

            // Trust on loopback only: a throwaway cluster with no data worth a password, reachable from this machine.
            await server.AsPostgresAsync("initdb", $"-D {server.Data} -U {User} --auth=trust -E UTF8 --locale=C.UTF-8");
            await File.AppendAllTextAsync(Path.Combine(server.Data, "postgresql.conf"), $"""

                listen_addresses = '127.0.0.1'
                port = {server.Port}
                unix_socket_directories = '{server.Data}'
                max_connections = 100
                fsync = off
                """);
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public Task StartServerAsync() => AsPostgresAsync("pg_ctl", $"-D {Data} -l {Log} -w -t 60 start");

    public Task StopServerAsync() => AsPostgresAsync("pg_ctl", $"-D {Data} -m fast -w -t 60 stop");

    /// <summary>What an operator's restart does: open connections are cut, then the server accepts new ones.</summary>
    public Task RestartServerAsync() => AsPostgresAsync("pg_ctl", $"-D {Data} -l {Log} -m fast -w -t 60 restart");

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                await AsPostgresAsync("pg_ctl", $"-D {Data} -m immediate -w -t 30 stop");
            }
            catch (InvalidOperationException)
            {
                // Already stopped by the test.
            }
        }

        Directory.Delete(folder, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsPostgresAsync(string tool, string arguments) =>
        IsRoot
            ? RunAsync("runuser", $"-u postgres -- {Path.Combine(bin, tool)} {arguments}")
            : RunAsync(Path.Combine(bin, tool), arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        // From /, since the test's working folder may be closed to the postgres user.
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {await output} {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
