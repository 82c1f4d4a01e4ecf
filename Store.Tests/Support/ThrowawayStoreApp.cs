using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Store.Tests.Support;

/// <summary>
/// The whole web app (in memory) on a PostgreSQL cluster of its own that the test may stop and restart, migrated
/// and seeded with the demo catalog on start, as a fresh store is.
/// </summary>
public sealed class ThrowawayStoreApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string imageRoot = Path.Combine(Path.GetTempPath(), "store-images-" + Guid.NewGuid().ToString("N")[..12]);

    public ThrowawayPostgres Postgres { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await ThrowawayPostgres.StartAsync();
        await Postgres.CreateDatabaseAsync("store");

        // Starts the host now, so migrations and seeding are done before the test's clock starts.
        _ = Server;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Postgres.DisposeAsync();
        if (Directory.Exists(imageRoot))
        {
            Directory.Delete(imageRoot, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Store", Postgres.ConnectionStringFor("store"));
        builder.UseSetting("Store:Admin:Email", StoreAppFactory.AdminEmail);
        builder.UseSetting("Store:Admin:Password", StoreAppFactory.AdminPassword);
        builder.UseSetting("Store:Images:Root", imageRoot);
        builder.UseSetting("Store:SeedDemoPricing", "false");
        builder.UseSetting("Store:SeedDemoData", "true");
        builder.UseSetting("Store:SeedDemoPictures", "false");
        builder.UseSetting("Store:SeedDemoHistory", "false");
        builder.UseSetting("Store:Jobs:Enabled", "false");

        // Every simulated shopper comes from one address.
        builder.UseSetting("Store:RateLimits:Orders:PermitLimit", "0");
    }
}
