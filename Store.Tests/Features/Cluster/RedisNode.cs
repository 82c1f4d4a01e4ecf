using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Store.Infrastructure.Caching;
using Store.Infrastructure.Data;
using Store.Tests.Features.Pricing;
using Store.Tests.Support;

namespace Store.Tests.Features.Cluster;

/// <summary>
/// One instance of the whole web app (in memory) configured with ConnectionStrings:Redis, over a database it shares
/// with the other instances of its test; its DbContexts count the SQL commands they send, and its warnings are kept.
/// </summary>
public sealed class RedisNode(string database, string redis) : WebApplicationFactory<Program>
{
    private readonly string _imageRoot = Path.Combine(Path.GetTempPath(), "store-images-" + Guid.NewGuid().ToString("N")[..12]);

    public CommandCounter Commands { get; } = new();

    public ConcurrentQueue<string> Warnings { get; } = new();

    public CacheInstance Cache => Services.GetRequiredService<CacheInstance>();

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_imageRoot))
        {
            Directory.Delete(_imageRoot, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Store", TestDatabase.ConnectionStringFor(database));
        builder.UseSetting("ConnectionStrings:Redis", redis);
        builder.UseSetting("Store:Admin:Email", StoreAppFactory.AdminEmail);
        builder.UseSetting("Store:Admin:Password", StoreAppFactory.AdminPassword);
        builder.UseSetting("Store:Images:Root", _imageRoot);
        builder.UseSetting("Store:SeedDemoData", "true");
        builder.UseSetting("Store:SeedDemoHistory", "false");
        builder.UseSetting("Store:Jobs:Enabled", "false");
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<StoreDbContext>(o => o.AddInterceptors(Commands));
            services.AddSingleton<ILoggerProvider>(new WarningLog(Warnings));
        });
    }

    private sealed class WarningLog(ConcurrentQueue<string> warnings) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                warnings.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
