using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Store.Tests.Support;

/// <summary>
/// A private redis-server (Debian's package; ./store.sh test installs it) as a child process on a free loopback port,
/// with no persistence, killed on dispose. Tests that need one are skipped, with the reason, when the binary is missing
/// on a developer's machine; under CI (CI set) a missing binary fails them instead.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "store-redis-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>For ConnectionStrings:Redis.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static string? Binary { get; } = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }
        .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "redis-server")))
        .FirstOrDefault(File.Exists);

    /// <summary>Why Redis tests are skipped here; null when they run (always under CI).</summary>
    public static string? SkipReason =>
        Binary is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? "redis-server is not installed (./store.sh test installs Debian's redis-server package)"
            : null;

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server again on the same port after <see cref="Stop"/>; empty, as a restart without persistence is.</summary>
    public async Task StartAgainAsync()
    {
        var binary = Binary ?? throw new InvalidOperationException("redis-server is not installed: ./store.sh test installs it (apt-get install redis-server)");
        Directory.CreateDirectory(_folder);
        var info = new ProcessStartInfo(binary)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!await PingAsync())
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new InvalidOperationException($"redis-server did not answer on port {Port} (exit: {(_process.HasExited ? _process.ExitCode : "still running")})");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server at once, as a crash would.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
