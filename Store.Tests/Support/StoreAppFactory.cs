using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Store.Tests.Support;

/// <summary>The whole web app over HTTP (in memory), on a test class's own database.</summary>
public sealed class StoreAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@store.local";
    public const string AdminPassword = "Test-Admin-Pass1";

    public string DatabaseName { get; private set; } = "";

    /// <summary>Where this app keeps uploaded pictures: a folder of its own, removed with the app.</summary>
    public string ImageRoot { get; } = Path.Combine(Path.GetTempPath(), "store-images-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync() => DatabaseName = await TestDatabase.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestDatabase.DropAsync(DatabaseName);
        if (Directory.Exists(ImageRoot))
        {
            Directory.Delete(ImageRoot, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Store", TestDatabase.ConnectionStringFor(DatabaseName));
        builder.UseSetting("Store:Admin:Email", AdminEmail);
        builder.UseSetting("Store:Admin:Password", AdminPassword);
        builder.UseSetting("Store:Images:Root", ImageRoot);

        // Test classes sign in and order from one address many times a minute; the tests of the limits set their own.
        builder.UseSetting("Store:RateLimits:SignIn:PermitLimit", "0");
        builder.UseSetting("Store:RateLimits:Registration:PermitLimit", "0");
        builder.UseSetting("Store:RateLimits:Orders:PermitLimit", "0");

        // HTTP tests check requests, not background work: no scheduler polling the database behind them.
        builder.UseSetting("Store:Jobs:Enabled", "false");
    }
}
