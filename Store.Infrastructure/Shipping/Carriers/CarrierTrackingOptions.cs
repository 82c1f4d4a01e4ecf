namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>
/// <c>Store:Carriers:Tracking</c>: how often the tracking job asks the carriers about open parcels and how many per run
/// (the least recently asked first), and when it gives up on a parcel the carrier never scanned.
/// </summary>
public sealed class CarrierTrackingOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(30);

    public int BatchSize { get; set; } = 200;

    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(60);

    /// <summary>One parcel's question; a carrier slower than this is noted as failing and the job goes on to the next parcel.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
