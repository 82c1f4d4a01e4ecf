using Quartz;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Jobs;

/// <summary>
/// Runs the outbox dispatcher on the cluster. One run at a time across all nodes: concurrent runs would be safe
/// (rows are claimed with SKIP LOCKED) but would only compete for the same rows.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatcherJob(OutboxDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatcher", JobsServiceCollectionExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.Result = await dispatcher.DispatchDueAsync(cancellationToken);
}
