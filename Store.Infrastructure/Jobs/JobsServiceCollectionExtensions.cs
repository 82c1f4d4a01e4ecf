using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Store.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The scheduler's name, shared by every node of the cluster (the sched_name column).</summary>
    public const string SchedulerName = "Store";

    /// <summary>The job and trigger group of the store's own jobs.</summary>
    public const string Group = "store";

    /// <summary>
    /// Quartz with its schedule in PostgreSQL (tables qrtz_*, created by the QuartzSchema migration), clustered: every
    /// instance of the store runs a scheduler, and each firing runs on exactly one of them.
    /// </summary>
    public static IServiceCollection AddStoreJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Store")
            ?? throw new InvalidOperationException("ConnectionStrings:Store is not set; the job scheduler keeps its schedule in the store's database.");
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                if (string.IsNullOrWhiteSpace(options.InstanceId))
                {
                    s.GenerateInstanceId = true;
                }
                else
                {
                    s.InstanceId = options.InstanceId;
                }
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.ConfigureStore(o => o.TablePrefix = "qrtz_");
                store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(Math.Max(1, options.ClusterCheckinIntervalSeconds)));
                store.UseSystemTextJsonSerializer();
            });

            // Adding a job: write a [DisallowConcurrentExecution] IJob beside this one (or in its feature folder) that
            // calls one scoped service (the job is built in a DI scope per run), then schedule it below with a fixed
            // job key and trigger key. Fixed keys matter: the schedule is stored in the database, and a node starting
            // with the same keys replaces the stored job and trigger instead of adding another copy. For a time of
            // day use .WithCronSchedule("0 0 3 * * ?") instead of the simple schedule.
            q.ScheduleJob<OutboxDispatcherJob>(
                trigger => trigger
                    .WithIdentity("outbox-dispatcher", Group)
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(TimeSpan.FromSeconds(Math.Max(1, options.OutboxIntervalSeconds)))
                        .RepeatForever()
                        // After downtime, one run catches up the whole backlog; the missed firings are not replayed.
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                job => job
                    .WithIdentity(OutboxDispatcherJob.Key)
                    .WithDescription("Hands committed outbox messages to their handlers"));

            Every<ReservationExpiryJob>(q, ReservationExpiryJob.Key, TimeSpan.FromMinutes(1), "Releases the stock of orders not paid in time");
            Every<SalesReportJob>(q, SalesReportJob.Key, TimeSpan.FromMinutes(15), "Rebuilds the daily sales aggregates of today and yesterday");
            Every<IntegrityCheckJob>(q, IntegrityCheckJob.Key, TimeSpan.FromMinutes(30), "Checks the stock and money invariants and alerts staff");
            Every<PaymentReconciliationJob>(q, PaymentReconciliationJob.Key, TimeSpan.FromMinutes(15), "Matches the provider's charges of the last 24 hours with orders, repairing what is safe");
            Every<Pricing.MarkdownJob>(q, Pricing.MarkdownJob.Key, TimeSpan.FromMinutes(15), "Starts and ends the markdowns of the owner's markdown rules");
            Every<Recommendations.SalesSignalsJob>(q, Recommendations.SalesSignalsJob.Key, TimeSpan.FromMinutes(30), "Recomputes best sellers (30 days) and frequently-bought-together pairs from paid orders");
            Every<Shipping.CarrierTrackingJob>(q, Shipping.CarrierTrackingJob.Key, TrackingInterval(configuration), "Pulls the carriers' tracking scans of open parcels into their shipments");
        });

        if (options.Enabled)
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }

        return services;
    }

    private static TimeSpan TrackingInterval(IConfiguration configuration)
    {
        var interval = configuration.GetSection(Shipping.Carriers.CarrierOptions.Section).Get<Shipping.Carriers.CarrierOptions>()?.Tracking.Interval;
        return interval is { } i && i >= TimeSpan.FromMinutes(1) ? i : TimeSpan.FromMinutes(30);
    }

    /// <summary>A job on a fixed interval; the trigger is named like the job so a restart replaces, never adds.</summary>
    private static void Every<TJob>(IQuartzBuilder q, JobKey key, TimeSpan interval, string description)
        where TJob : IJob =>
        q.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity(key.Name, Group)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
            job => job.WithIdentity(key).WithDescription(description));
}
