namespace Store.Infrastructure.Shipping;

/// <summary>One run of the tracking job: parcels asked about, scans added, carriers' failures.</summary>
public sealed record CarrierTrackingRun(int Polled, int Added, int Failed);
