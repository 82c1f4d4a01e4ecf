using Microsoft.EntityFrameworkCore;
using Quartz;
using Store.Infrastructure.Data;

namespace Store.Tests.Features.Jobs;

/// <summary>Writes each firing it gets (scheduled time and the node that ran it) to a table the test reads back.</summary>
public sealed class FireRecorderJob(StoreDbContext db) : IJob
{
    public const string CreateTableSql = "CREATE TABLE IF NOT EXISTS test_job_fires (scheduled_at timestamptz NOT NULL, instance_id text NOT NULL, fired_at timestamptz NOT NULL)";

    public static readonly JobKey Key = new("fire-recorder", "test");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO test_job_fires (scheduled_at, instance_id, fired_at) VALUES ({scheduled}, {context.Scheduler.SchedulerInstanceId}, {DateTimeOffset.UtcNow})",
            cancellationToken);
    }
}
