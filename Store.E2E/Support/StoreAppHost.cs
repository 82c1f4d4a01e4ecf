using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Store.E2E.Support;

/// <summary>
/// The real store, run as its own process from the Store.Web build output on a free local port, against a fresh
/// database. Its console output is kept so a failing test can show what the server said.
/// </summary>
public sealed class StoreAppHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@store.local";
    public const string AdminPassword = "E2e-Admin-Pass1";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(180);
    private readonly StringBuilder output = new();
    private readonly Process process;

    /// <summary>The app's own folder for uploaded pictures, removed with the app.</summary>
    /// <remarks>One per app, not per test process: classes run in parallel, and one app's cleanup must not remove another's files.</remarks>
    private readonly string imageRoot;

    private StoreAppHost(Process process, E2EDatabase database, Uri baseUrl, string imageRoot)
    {
        this.imageRoot = imageRoot;
        this.process = process;
        Database = database;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public E2EDatabase Database { get; }

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The demo store with a known admin, as most journeys want it.</summary>
    public static readonly IReadOnlyDictionary<string, string?> DemoStore = new Dictionary<string, string?>
    {
        ["Store__SeedDemoData"] = "true",

        // The journeys count their own orders: a store with 90 days of past orders would hide them.
        ["Store__SeedDemoHistory"] = "false",
        ["Store__Admin__Email"] = AdminEmail,
        ["Store__Admin__Password"] = AdminPassword,
    };

    /// <summary>The demo store.</summary>
    /// <param name="ct">Cancels the start.</param>
    /// <param name="drawPictures">
    /// Draw the demo catalog's pictures on start (Store:SeedDemoPictures): seconds of CPU, so only the journeys that
    /// look at the storefront's pictures ask for it.
    /// </param>
    public static Task<StoreAppHost> StartAsync(CancellationToken ct = default, bool drawPictures = false) =>
        StartAsync(new Dictionary<string, string?>(DemoStore) { ["Store__SeedDemoPictures"] = drawPictures ? "true" : "false" }, ct);

    /// <summary>The store with exactly <paramref name="environment"/> as its Store__ settings (an empty map: a new, unconfigured store).</summary>
    public static Task<StoreAppHost> StartAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken ct = default) =>
        StartAsync(_ => environment, ct);

    /// <summary>The store with settings that name its own address (the links a payment provider sends the buyer back to).</summary>
    public static async Task<StoreAppHost> StartAsync(Func<Uri, IReadOnlyDictionary<string, string?>> environmentAt, CancellationToken ct = default)
    {
        var assembly = TestPaths.WebAssembly;
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException(
                $"{assembly} does not exist: build the solution first (dotnet build Store.sln -c {TestPaths.Configuration}).");
        }

        var database = await E2EDatabase.CreateAsync(ct);
        StoreAppHost? host = null;
        try
        {
            var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = TestPaths.WebBinDirectory,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = false,
            };
            start.ArgumentList.Add(assembly);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));

            // Only what is set here decides how the app runs, not what the test runner happens to have.
            foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_ENVIRONMENT", "ConnectionStrings__Store" })
            {
                start.Environment.Remove(inherited);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ConnectionStrings__Store"] = database.ConnectionString;
            foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Store__", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(inherited);
            }

            start.Environment["Store__SeedDemoPictures"] = "false";
            foreach (var (key, value) in environmentAt(baseUrl))
            {
                start.Environment[key] = value;
            }

            var imageRoot = Path.Combine(Path.GetTempPath(), $"store-e2e-images-{Guid.NewGuid():N}");
            start.Environment["Store__Images__Root"] = imageRoot;
            start.Environment["DOTNET_NOLOGO"] = "1";

            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            host = new StoreAppHost(process, database, baseUrl, imageRoot);
            process.OutputDataReceived += (_, e) => host.Append(e.Data);
            process.ErrorDataReceived += (_, e) => host.Append(e.Data);
            if (!process.Start())
            {
                throw new InvalidOperationException("dotnet did not start.");
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await host.WaitUntilHealthyAsync(ct);
            return host;
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
            else
            {
                await database.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!HasExited())
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        catch (OperationCanceledException)
        {
            // It did not go in time; the database drop below forces its connections closed anyway.
        }
        finally
        {
            process.Dispose();
            await Database.DisposeAsync();
            if (Directory.Exists(imageRoot))
            {
                Directory.Delete(imageRoot, recursive: true);
            }
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        string? lastProblem = null;
        while (watch.Elapsed < StartupTimeout)
        {
            ct.ThrowIfCancellationRequested();
            if (HasExited())
            {
                throw new InvalidOperationException(
                    $"The store exited with code {process.ExitCode} before it was ready.{Environment.NewLine}--- server output ---{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/healthz", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"/healthz answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                lastProblem = e.Message;
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException(
            $"The store at {BaseUrl} was not healthy within {StartupTimeout.TotalSeconds:0}s (last: {lastProblem})." +
            $"{Environment.NewLine}--- server output ---{Environment.NewLine}{Output}");
    }

    private bool HasExited()
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
