using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Store.Tests.Support;

/// <summary>
/// A test class's own database with the shop taking payments through PayPal, PayPal being the local
/// <see cref="PayPalTestDouble"/>: the services for feature tests, and the whole web app over the same database for
/// the buyer's return and the webhooks.
/// </summary>
public sealed class PayPalFixture : DatabaseFixture
{
    /// <summary>Short, so the timeout test waits little; every other answer of the stand-in comes at once.</summary>
    public const int TimeoutSeconds = 2;

    public PayPalTestDouble PayPal { get; private set; } = null!;

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
        await PayPal.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override async Task<IReadOnlyDictionary<string, string?>?> SettingsAsync()
    {
        PayPal = await PayPalTestDouble.StartAsync();
        return Settings();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Store:Payments:Provider"] = "paypal",
        ["Store:Payments:PayPal:ClientId"] = PayPalTestDouble.ClientId,
        ["Store:Payments:PayPal:ClientSecret"] = PayPalTestDouble.ClientSecret,
        ["Store:Payments:PayPal:WebhookId"] = PayPalTestDouble.WebhookId,
        ["Store:Payments:PayPal:ApiBase"] = PayPal.BaseUrl,
        ["Store:Payments:PayPal:TimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Store:PublicBaseUrl"] = "https://shop.example",

        // Tests run the outbox handlers themselves; a running order worker would move paid orders under them.
        ["Store:Jobs:Enabled"] = "false",
    };
}
