namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>
/// <c>Store:Carriers</c>: each carrier is used only when its credentials are configured. Rates are asked of every
/// configured carrier at once and given <see cref="RateTimeout"/> in total, so a slow carrier never holds up checkout.
/// </summary>
public sealed class CarrierOptions
{
    public const string Section = "Store:Carriers";

    public TimeSpan RateTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

    public TimeSpan RateCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public UpsOptions Ups { get; set; } = new();

    public UspsOptions Usps { get; set; } = new();

    public FedExOptions FedEx { get; set; } = new();
}
