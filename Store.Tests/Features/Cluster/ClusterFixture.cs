using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Store.Tests.Support;

namespace Store.Tests.Features.Cluster;

/// <summary>
/// Two real instances of the store (Store.Web.dll from this build, each its own process and port) against one test
/// database, behind haproxy configured from deploy/haproxy.cfg by scripts/cluster.sh, as ./store.sh cluster 2 runs them.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private const int Instances = 2;
    private readonly Process?[] _apps = new Process?[Instances];
    private readonly ConcurrentQueue<string>[] _logs = [.. Enumerable.Range(0, Instances).Select(_ => new ConcurrentQueue<string>())];
    private readonly int[] _ports = new int[Instances];
    private Process? _haproxy;

    public string DatabaseName { get; private set; } = "";

    public string ConnectionString => TestDatabase.ConnectionStringFor(DatabaseName);

    public Uri Balancer { get; private set; } = null!;

    public Uri Instance(int i) => new($"http://127.0.0.1:{_ports[i]}");

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "store-cluster-" + Guid.NewGuid().ToString("N")[..12]);

    private static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Store.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Store.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        DatabaseName = await TestDatabase.CreateAsync();
        await StockEverythingAsync();
        for (var i = 0; i < Instances; i++)
        {
            _ports[i] = FreePort();
        }

        for (var i = 0; i < Instances; i++)
        {
            StartProcess(i);
        }

        for (var i = 0; i < Instances; i++)
        {
            await WaitReadyAsync(i);
        }

        var balancerPort = FreePort();
        Balancer = new Uri($"http://127.0.0.1:{balancerPort}");
        var config = Path.Combine(Folder, "haproxy.cfg");
        await File.WriteAllTextAsync(config, await HaproxyConfigAsync(balancerPort));
        _haproxy = Start("haproxy", ["-db", "-f", config], Folder, new Dictionary<string, string>(), null);
        await WaitForBothNodesAsync();
    }

    public async Task DisposeAsync()
    {
        Stop(_haproxy);
        foreach (var app in _apps)
        {
            Stop(app);
        }

        await TestDatabase.DropAsync(DatabaseName);
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Ends instance <paramref name="i"/> at once, as a crash or an OOM kill would: no graceful shutdown.</summary>
    public void Kill(int i)
    {
        _apps[i]!.Kill(entireProcessTree: true);
        _apps[i]!.WaitForExit();
    }

    /// <summary>Starts instance <paramref name="i"/> again on its port, and waits until the balancer sends it traffic.</summary>
    public async Task RestartAsync(int i)
    {
        Stop(_apps[i]);
        StartProcess(i);
        await WaitReadyAsync(i);
        await WaitForBothNodesAsync();
    }

    public string Log(int i) => string.Join('\n', _logs[i].TakeLast(60));

    /// <summary>The node haproxy reports for each of <paramref name="count"/> requests to the API through it.</summary>
    public async Task<List<string>> ApiNodesAsync(int count)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = Balancer };
        var nodes = new List<string>();
        for (var n = 0; n < count; n++)
        {
            var response = await http.GetAsync("/api/status");
            nodes.Add(response.IsSuccessStatusCode && response.Headers.TryGetValues("X-Store-Node", out var node) ? node.Single() : $"{(int)response.StatusCode}");
        }

        return nodes;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static Process Start(string file, IEnumerable<string> arguments, string directory, IDictionary<string, string> environment, ConcurrentQueue<string>? log)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        void Keep(object _, DataReceivedEventArgs e)
        {
            if (e.Data is not null && log is not null)
            {
                log.Enqueue(e.Data);
                while (log.Count > 500)
                {
                    log.TryDequeue(out string? _);
                }
            }
        }

        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void StartProcess(int i)
    {
        var root = RepositoryRoot;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(root, "Store.Web", "bin", configuration, "net10.0", "Store.Web.dll");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Store"] = ConnectionString,
            ["Store__Admin__Email"] = StoreAppFactory.AdminEmail,
            ["Store__Admin__Password"] = StoreAppFactory.AdminPassword,
            ["Store__Jobs__InstanceId"] = $"store{i + 1}",
            ["Store__Email__PickupFolder"] = Path.Combine(Folder, "mail"),
            ["Store__Images__Root"] = Path.Combine(Folder, "images"),

            // One certificate for both, as every instance of a cluster must have.
            ["Store__DataProtection__GeneratedCertificatePath"] = Path.Combine(Folder, "keys", "data-protection.pfx"),

            // Every request of the test comes from one address.
            ["Store__RateLimits__Orders__PermitLimit"] = "0",
            ["Store__RateLimits__SignIn__PermitLimit"] = "0",
            ["Store__RateLimits__Registration__PermitLimit"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        _apps[i] = Start("dotnet", [dll, "--urls", Instance(i).ToString().TrimEnd('/')], Path.Combine(root, "Store.Web"), environment, _logs[i]);
    }

    private async Task WaitReadyAsync(int i)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            Assert.False(_apps[i]!.HasExited, $"instance {i + 1} stopped:\n{Log(i)}");
            try
            {
                if ((await http.GetAsync(new Uri(Instance(i), "/api/status"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"instance {i + 1} did not answer within 5 minutes:\n{Log(i)}");
    }

    private async Task<string> HaproxyConfigAsync(int balancerPort)
    {
        // The readiness probe haproxy checks; a build without /healthz/ready (before it was added) is checked on /api/status.
        using var http = new HttpClient();
        var ready = await http.GetAsync(new Uri(Instance(0), "/healthz/ready"));
        var healthPath = ready.StatusCode == HttpStatusCode.NotFound ? "/api/status" : "/healthz/ready";
        var root = RepositoryRoot;
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-c", "STORE_ROOT=\"$1\"; source \"$1/scripts/cluster.sh\"; shift; cluster_haproxy_cfg \"$@\"", "cluster-config",
            root, balancerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture), _ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CLUSTER_HEALTH_PATH"] = healthPath;
        using var bash = Process.Start(info)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        var errors = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0 && output.Contains("server store2", StringComparison.Ordinal), $"scripts/cluster.sh made no configuration: {errors}");
        return output;
    }

    private async Task WaitForBothNodesAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Assert.False(_haproxy!.HasExited, "haproxy stopped");
            try
            {
                var nodes = await ApiNodesAsync(4);
                if (nodes.Contains("store1") && nodes.Contains("store2"))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // haproxy not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail("haproxy did not send requests to both instances within 30 s");
    }

    // Plenty of every variant, through the ledger like any receipt, so stock never limits the load test.
    private async Task StockEverythingAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO stock_movements (variant_id, location_id, kind, on_hand_delta, reserved_delta, actor, note, at)
              SELECT variant_id, location_id, 'Receipt', 10000, 0, 'cluster-test', 'Cluster test stock', now() FROM inventory;
            UPDATE inventory SET on_hand = on_hand + 10000;
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }
}
