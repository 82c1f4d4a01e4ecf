namespace Store.Tests.Support;

/// <summary>A test class's own database with UPS configured, UPS being the local <see cref="UpsTestDouble"/>.</summary>
public sealed class UpsFixture : DatabaseFixture
{
    // Long enough for a cold first call (token, then rates) on a busy CI box; the store's default is 2.5 s.
    public static readonly TimeSpan RateTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A label purchase's and a tracking call's limit here (20 s and 10 s in the store), below the slow double's 20 s;
    /// a cold first call (token, then the large generated Shipping types) takes seconds on a busy CI box.
    /// </summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(8);

    public UpsTestDouble Ups { get; private set; } = null!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Ups.DisposeAsync();
    }

    protected override async Task<IReadOnlyDictionary<string, string?>?> SettingsAsync()
    {
        Ups = await UpsTestDouble.StartAsync();
        return new Dictionary<string, string?>
        {
            ["Store:Carriers:Ups:ClientId"] = UpsTestDouble.ClientId,
            ["Store:Carriers:Ups:ClientSecret"] = UpsTestDouble.ClientSecret,
            ["Store:Carriers:Ups:AccountNumber"] = UpsTestDouble.AccountNumber,
            ["Store:Carriers:Ups:BaseUrl"] = Ups.BaseUrl,
            ["Store:Carriers:RateTimeout"] = RateTimeout.ToString(),
            ["Store:Carriers:LabelTimeout"] = CallTimeout.ToString(),
            ["Store:Carriers:Tracking:Timeout"] = CallTimeout.ToString(),
        };
    }
}
