using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;
using Store.Infrastructure.Jobs;

namespace Store.Infrastructure.Outbox;

public sealed record OutboxCounts(int Pending, int Retrying, int Parked, int ProcessedToday);

public sealed record OutboxMessageSummary(Guid Id, string Type, DateTimeOffset OccurredAt, int Attempts, DateTimeOffset AvailableAt, string? LastError, DateTimeOffset? ParkedAt);

public sealed record ScheduledTrigger(string JobName, string TriggerName, string State, DateTimeOffset? NextFireAt, DateTimeOffset? PreviousFireAt);

public sealed record SchedulerNode(string InstanceId, DateTimeOffset LastCheckinAt);

public sealed record SchedulerView(IReadOnlyList<ScheduledTrigger> Triggers, IReadOnlyList<SchedulerNode> Nodes);

/// <summary>What the admin sees of the outbox and the job scheduler, and the one thing staff can do: requeue a parked message.</summary>
public sealed class OutboxQueries(StoreDbContext db, AuditLog audit, IClock clock)
{
    public async Task<OutboxCounts> CountsAsync(CancellationToken ct = default)
    {
        var startOfDay = new DateTimeOffset(clock.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        var unprocessed = db.OutboxMessages.Where(m => m.ProcessedAt == null);
        return new OutboxCounts(
            await unprocessed.CountAsync(m => m.ParkedAt == null && m.Attempts == 0, ct),
            await unprocessed.CountAsync(m => m.ParkedAt == null && m.Attempts > 0, ct),
            await unprocessed.CountAsync(m => m.ParkedAt != null, ct),
            await db.OutboxMessages.CountAsync(m => m.ProcessedAt >= startOfDay, ct));
    }

    /// <summary>Messages not handled yet (waiting, retrying or parked), oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessageSummary>> UnprocessedAsync(int take = 200, CancellationToken ct = default) =>
        await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ProcessedAt == null)
            .OrderBy(m => m.OccurredAt)
            .Take(Math.Clamp(take, 1, 500))
            .Select(m => new OutboxMessageSummary(m.Id, m.Type, m.OccurredAt, m.Attempts, m.AvailableAt, m.LastError, m.ParkedAt))
            .ToListAsync(ct);

    /// <summary>Gives a parked message a fresh set of attempts, due now. False when it is not (or no longer) parked.</summary>
    public async Task<bool> RequeueAsync(Guid id, string actor, CancellationToken ct = default)
    {
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id && m.ParkedAt != null && m.ProcessedAt == null, ct);
        if (message is null)
        {
            return false;
        }

        audit.Record(actor, "outbox.requeued", "outbox_message", id.ToString(), new { message.Type, message.Attempts, message.LastError });
        message.Requeue(clock.UtcNow);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The scheduler as the cluster stored it: each trigger's next firing and the nodes that checked in.</summary>
    public async Task<SchedulerView> SchedulerAsync(CancellationToken ct = default)
    {
        // Quartz's own tables, outside the EF model; Quartz.NET stores times as UTC ticks.
        var triggers = await db.Database.SqlQuery<TriggerRow>($"""
            SELECT job_name, trigger_name, trigger_state, next_fire_time, prev_fire_time
            FROM qrtz_triggers
            WHERE sched_name = {JobsServiceCollectionExtensions.SchedulerName}
            ORDER BY job_group, job_name, trigger_name
            """).ToListAsync(ct);
        var nodes = await db.Database.SqlQuery<NodeRow>($"""
            SELECT instance_name, last_checkin_time
            FROM qrtz_scheduler_state
            WHERE sched_name = {JobsServiceCollectionExtensions.SchedulerName}
            ORDER BY instance_name
            """).ToListAsync(ct);
        return new SchedulerView(
            triggers.Select(t => new ScheduledTrigger(t.JobName, t.TriggerName, t.TriggerState, FromTicks(t.NextFireTime), FromTicks(t.PrevFireTime))).ToList(),
            nodes.Select(n => new SchedulerNode(n.InstanceName, FromTicks(n.LastCheckinTime)!.Value)).ToList());
    }

    private static DateTimeOffset? FromTicks(long? ticks) => ticks is > 0 ? new DateTimeOffset(ticks.Value, TimeSpan.Zero) : null;

    private sealed record TriggerRow(string JobName, string TriggerName, string TriggerState, long? NextFireTime, long? PrevFireTime);

    private sealed record NodeRow(string InstanceName, long LastCheckinTime);
}
