using Quartz;
using Store.Infrastructure.Jobs;

namespace Store.Infrastructure.Shipping;

/// <summary>Pulls the carriers' scans of open parcels into their shipments (Store:Carriers:Tracking).</summary>
[DisallowConcurrentExecution]
public sealed class CarrierTrackingJob(CarrierTrackingService tracking) : IJob
{
    public static readonly JobKey Key = new("carrier-tracking", JobsServiceCollectionExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.Result = await tracking.PollAsync(cancellationToken);
}
