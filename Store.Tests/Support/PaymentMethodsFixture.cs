using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Store.Tests.Support;

/// <summary>
/// A store with two remote providers played by local stand-ins: PayPal configured by configuration, Square left for
/// the settings page. <see cref="DatabaseFixture.Services"/> is one instance of the store and <see cref="App"/> a
/// second one (the whole web app, with its cache listener) over the same database.
/// </summary>
public sealed class PaymentMethodsFixture : DatabaseFixture
{
    public PayPalTestDouble PayPal { get; private set; } = null!;

    public SquareTestDouble Square { get; private set; } = null!;

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    /// <summary>Both instances' Data Protection certificate, as a cluster's instances share one: each reads the other's secrets.</summary>
    private string KeyFolder { get; } = Path.Combine(Path.GetTempPath(), "store-keys-" + Guid.NewGuid().ToString("N")[..12]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Store", ConnectionString);
            builder.UseSetting("Store:Admin:Email", StoreAppFactory.AdminEmail);
            builder.UseSetting("Store:Admin:Password", StoreAppFactory.AdminPassword);
            builder.UseSetting("Store:RateLimits:Orders:PermitLimit", "0");
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
        await Square.DisposeAsync();
        await base.DisposeAsync();
        if (Directory.Exists(KeyFolder))
        {
            Directory.Delete(KeyFolder, recursive: true);
        }
    }

    protected override async Task<IReadOnlyDictionary<string, string?>?> SettingsAsync()
    {
        PayPal = await PayPalTestDouble.StartAsync();
        Square = await SquareTestDouble.StartAsync();
        return Settings();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Store:Payments:PayPal:ClientId"] = PayPalTestDouble.ClientId,
        ["Store:Payments:PayPal:ClientSecret"] = PayPalTestDouble.ClientSecret,
        ["Store:Payments:PayPal:WebhookId"] = PayPalTestDouble.WebhookId,
        ["Store:Payments:PayPal:ApiBase"] = PayPal.BaseUrl,
        ["Store:Payments:PayPal:TimeoutSeconds"] = ProviderFixture<PayPalTestDouble>.TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["Store:PublicBaseUrl"] = "https://shop.example",
        ["Store:DataProtection:GeneratedCertificatePath"] = Path.Combine(KeyFolder, "data-protection.pfx"),

        // Tests run the outbox handlers themselves; a running order worker would move paid orders under them.
        ["Store:Jobs:Enabled"] = "false",
    };
}
