using Quartz;
using Store.Infrastructure.Jobs;

namespace Store.Infrastructure.Pricing;

/// <summary>The pricing worker: starts and ends the markdowns the owner's rules call for.</summary>
[DisallowConcurrentExecution]
public sealed class MarkdownJob(MarkdownService markdowns) : IJob
{
    public static readonly JobKey Key = new("markdowns", JobsServiceCollectionExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.Result = await markdowns.EvaluateAsync(cancellationToken);
}
