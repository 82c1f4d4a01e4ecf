using System.Globalization;

namespace Store.Tests.Support;

/// <summary>The shop taking payments through Square, Square being the local <see cref="SquareTestDouble"/>.</summary>
public sealed class SquareFixture : ProviderFixture<SquareTestDouble>
{
    public SquareTestDouble Square => Server;

    protected override Task<SquareTestDouble> StartServerAsync() => SquareTestDouble.StartAsync();

    protected override IEnumerable<KeyValuePair<string, string?>> ProviderSettings() => new Dictionary<string, string?>
    {
        ["Store:Payments:Provider"] = "square",
        ["Store:Payments:Square:AccessToken"] = SquareTestDouble.AccessToken,
        ["Store:Payments:Square:LocationId"] = SquareTestDouble.LocationId,
        ["Store:Payments:Square:WebhookSignatureKey"] = SquareTestDouble.SignatureKey,
        ["Store:Payments:Square:WebhookUrl"] = SquareTestDouble.NotificationUrl,
        ["Store:Payments:Square:ApiBase"] = Server.BaseUrl,
        ["Store:Payments:Square:TimeoutSeconds"] = TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
    };
}
