using Store.Tests.Support;

namespace Store.E2E.Support;

/// <summary>
/// The demo store taking payments through PayPal, PayPal being the local stand-in (Kestrel on a free port: OAuth,
/// Orders v2, Payments v2 and an approval page). The shop holds the money on approval and staff capture it, so the
/// journey sees both halves of PayPal's manual capture.
/// </summary>
public sealed class PayPalStoreAppFixture : IAsyncLifetime
{
    private StoreAppHost? app;
    private PayPalTestDouble? paypal;

    public StoreAppHost App => app ?? throw new InvalidOperationException("The store has not started.");

    public PayPalTestDouble PayPal => paypal ?? throw new InvalidOperationException("The PayPal stand-in has not started.");

    public async Task InitializeAsync()
    {
        paypal = await PayPalTestDouble.StartAsync();
        app = await StoreAppHost.StartAsync(baseUrl => new Dictionary<string, string?>(StoreAppHost.DemoStore)
        {
            // As an owner configures it: by configuration, not the settings page.
            ["Store__Payments__Provider"] = "paypal",
            ["Store__Payments__PayPal__ClientId"] = PayPalTestDouble.ClientId,
            ["Store__Payments__PayPal__ClientSecret"] = PayPalTestDouble.ClientSecret,
            ["Store__Payments__PayPal__WebhookId"] = PayPalTestDouble.WebhookId,
            ["Store__Payments__PayPal__ApiBase"] = PayPal.BaseUrl,
            ["Store__Payments__Stripe__CaptureOnPayment"] = "false",

            // PayPal sends the buyer back to the store's public address.
            ["Store__PublicBaseUrl"] = baseUrl.ToString().TrimEnd('/'),
        });
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (paypal is not null)
        {
            await paypal.DisposeAsync();
        }
    }
}
