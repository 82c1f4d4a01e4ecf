using System.Globalization;

namespace Store.Tests.Support;

/// <summary>The shop taking payments through PayPal, PayPal being the local <see cref="PayPalTestDouble"/>.</summary>
public sealed class PayPalFixture : ProviderFixture<PayPalTestDouble>
{
    public PayPalTestDouble PayPal => Server;

    protected override Task<PayPalTestDouble> StartServerAsync() => PayPalTestDouble.StartAsync();

    protected override IEnumerable<KeyValuePair<string, string?>> ProviderSettings() => new Dictionary<string, string?>
    {
        ["Store:Payments:Provider"] = "paypal",
        ["Store:Payments:PayPal:ClientId"] = PayPalTestDouble.ClientId,
        ["Store:Payments:PayPal:ClientSecret"] = PayPalTestDouble.ClientSecret,
        ["Store:Payments:PayPal:WebhookId"] = PayPalTestDouble.WebhookId,
        ["Store:Payments:PayPal:ApiBase"] = Server.BaseUrl,
        ["Store:Payments:PayPal:TimeoutSeconds"] = TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
    };
}
