using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Store.Tests.Support;

/// <summary>
/// A test class's own database with the shop set to take payments through Stripe, Stripe being the local
/// <see cref="StripeTestDouble"/>: the services for feature tests, and the whole web app over the same database
/// for posting webhooks.
/// </summary>
public class StripeFixture : DatabaseFixture
{
    public StripeTestDouble Stripe { get; private set; } = null!;

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>False in a derived fixture tests the shop that captures later, from the admin.</summary>
    protected virtual bool CaptureOnPayment => true;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Store", ConnectionString);
            builder.UseSetting("Store:Admin:Email", StoreAppFactory.AdminEmail);
            builder.UseSetting("Store:Admin:Password", StoreAppFactory.AdminPassword);
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }
        });
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Stripe.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override async Task<IReadOnlyDictionary<string, string?>?> SettingsAsync()
    {
        Stripe = await StripeTestDouble.StartAsync();
        Settings = new Dictionary<string, string?>
        {
            ["Store:Payments:Provider"] = "stripe",
            ["Store:Payments:Stripe:SecretKey"] = StripeTestDouble.SecretKey,
            ["Store:Payments:Stripe:WebhookSecret"] = StripeTestDouble.WebhookSecret,
            ["Store:Payments:Stripe:ApiBase"] = Stripe.BaseUrl,
            ["Store:Payments:Stripe:CaptureOnPayment"] = CaptureOnPayment ? "true" : "false",
            ["Store:PublicBaseUrl"] = "https://shop.example",

            // Tests run the outbox handlers themselves; a running order worker would move paid orders under them.
            ["Store:Jobs:Enabled"] = "false",
        };
        return Settings;
    }
}
