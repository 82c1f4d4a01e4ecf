using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Shipping.Carriers;

namespace Store.Tests.Support;

/// <summary>
/// A test class's own database with UPS, USPS and FedEx all configured, each played by its local stand-in, so rates
/// are seen side by side at checkout as a shop with the three would see them.
/// </summary>
public sealed class LiveCarriersFixture : DatabaseFixture
{
    /// <summary>Longer than the store's 2.5 s default: three carriers answer at once on a box shared with other builds.</summary>
    public static readonly TimeSpan RateTimeout = TimeSpan.FromSeconds(5);

    public UpsTestDouble Ups { get; private set; } = null!;

    public UspsTestDouble Usps { get; private set; } = null!;

    public FedExTestDouble FedEx { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        // A carrier's first call fetches its token and builds the serialisers of its large generated types, which on a
        // busy box can take longer than the rate timeout (in a running store the first shopper pays it, once); here it
        // is paid before the tests, so they time what they mean to.
        var parcel = new CarrierParcel(new CarrierAddress("US", "TX", "75201", "Dallas"), new CarrierAddress("US", "TX", "78700"), 1000, "USD");
        foreach (var carrier in Services.GetServices<IShippingCarrier>())
        {
            await carrier.RatesAsync(parcel, CancellationToken.None);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Ups.DisposeAsync();
        await Usps.DisposeAsync();
        await FedEx.DisposeAsync();
    }

    protected override async Task<IReadOnlyDictionary<string, string?>?> SettingsAsync()
    {
        Ups = await UpsTestDouble.StartAsync();
        Usps = await UspsTestDouble.StartAsync();
        FedEx = await FedExTestDouble.StartAsync();
        return new Dictionary<string, string?>
        {
            ["Store:Carriers:Ups:ClientId"] = UpsTestDouble.ClientId,
            ["Store:Carriers:Ups:ClientSecret"] = UpsTestDouble.ClientSecret,
            ["Store:Carriers:Ups:AccountNumber"] = UpsTestDouble.AccountNumber,
            ["Store:Carriers:Ups:BaseUrl"] = Ups.BaseUrl,
            ["Store:Carriers:Usps:ClientId"] = UspsTestDouble.ClientId,
            ["Store:Carriers:Usps:ClientSecret"] = UspsTestDouble.ClientSecret,
            ["Store:Carriers:Usps:Crid"] = UspsTestDouble.Crid,
            ["Store:Carriers:Usps:Mid"] = UspsTestDouble.Mid,
            ["Store:Carriers:Usps:AccountNumber"] = UspsTestDouble.AccountNumber,
            ["Store:Carriers:Usps:BaseUrl"] = Usps.BaseUrl,
            ["Store:Carriers:FedEx:ClientId"] = FedExTestDouble.ClientId,
            ["Store:Carriers:FedEx:ClientSecret"] = FedExTestDouble.ClientSecret,
            ["Store:Carriers:FedEx:AccountNumber"] = FedExTestDouble.AccountNumber,
            ["Store:Carriers:FedEx:PhoneNumber"] = FedExTestDouble.PhoneNumber,
            ["Store:Carriers:FedEx:BaseUrl"] = FedEx.BaseUrl,
            ["Store:Carriers:RateTimeout"] = RateTimeout.ToString(),
        };
    }
}
