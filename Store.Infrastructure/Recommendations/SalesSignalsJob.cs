using Quartz;
using Store.Infrastructure.Jobs;

namespace Store.Infrastructure.Recommendations;

/// <summary>Recomputes best sellers and "frequently bought together" from paid orders (see <see cref="SalesSignalsService"/>).</summary>
[DisallowConcurrentExecution]
public sealed class SalesSignalsJob(SalesSignalsService signals) : IJob
{
    public static readonly JobKey Key = new("sales-signals", JobsServiceCollectionExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.Result = await signals.RecomputeAsync(cancellationToken);
}
