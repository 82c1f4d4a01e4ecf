using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Store.Tests.Support;

/// <summary>
/// A test class's own database with the shop taking payments through a provider played by a local
/// <see cref="FakeProviderServer"/>: the services for feature tests, and the whole web app over the same database for
/// the buyer's return and the webhooks.
/// </summary>
public abstract class ProviderFixture<TServer> : DatabaseFixture
    where TServer : FakeProviderServer
{
    /// <summary>Short, so the timeout tests wait little; every other answer of the stand-in comes at once.</summary>
    public const int TimeoutSeconds = 2;

    protected TServer Server { get; private set; } = null!;

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Store", ConnectionString);
            builder.UseSetting("Store:Admin:Email", StoreAppFactory.AdminEmail);
            builder.UseSetting("Store:Admin:Password", StoreAppFactory.AdminPassword);
            foreach (var (key, value) in Settings())
            {
                builder.UseSetting(key, value);
            }
        });
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
        await base.DisposeAsync();
    }

    protected abstract Task<TServer> StartServerAsync();

    /// <summary>The store's settings that point it at <see cref="Server"/>.</summary>
    protected abstract IEnumerable<KeyValuePair<string, string?>> ProviderSettings();

    protected override async Task<IReadOnlyDictionary<string, string?>?> SettingsAsync()
    {
        Server = await StartServerAsync();
        return Settings();
    }

    private Dictionary<string, string?> Settings() => new(ProviderSettings())
    {
        ["Store:PublicBaseUrl"] = "https://shop.example",

        // Tests run the outbox handlers themselves; a running order worker would move paid orders under them.
        ["Store:Jobs:Enabled"] = "false",
    };
}
