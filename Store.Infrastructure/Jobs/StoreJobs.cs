using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Notifications;
using Store.Infrastructure.Reports;

namespace Store.Infrastructure.Jobs;

/// <summary>The order worker: gives back the stock of orders not paid in time.</summary>
[DisallowConcurrentExecution]
public sealed class ReservationExpiryJob(ReservationExpiryService expiry) : IJob
{
    public static readonly JobKey Key = new("reservation-expiry", JobsServiceCollectionExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.Result = await expiry.ReleaseExpiredAsync(cancellationToken);
}

/// <summary>The analytics worker: rebuilds the recent days of the daily sales aggregates, and any it missed.</summary>
[DisallowConcurrentExecution]
public sealed class SalesReportJob(SalesReportService reports) : IJob
{
    public static readonly JobKey Key = new("sales-report", JobsServiceCollectionExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        context.Result = await reports.RebuildDueAsync(null, cancellationToken);
}

/// <summary>Checks the store's invariants and alerts staff when one breaks.</summary>
[DisallowConcurrentExecution]
public sealed class IntegrityCheckJob(IntegrityMonitor monitor, IEmailSender email, IOptions<EmailOptions> options, ILogger<IntegrityCheckJob> logger) : IJob
{
    public static readonly JobKey Key = new("integrity-check", JobsServiceCollectionExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var issues = await monitor.CheckAndRecordAsync(cancellationToken);
        context.Result = issues.Count;
        if (issues.Count == 0)
        {
            return;
        }

        logger.LogError("Integrity check found {Count} problems: {Issues}", issues.Count, string.Join("; ", issues.Take(10).Select(i => $"{i.Check}: {i.Detail}")));
        var text = "The integrity check found problems:\n\n" + string.Join("\n", issues.Select(i => $"- {i.Check}: {i.Detail}")) + "\n\nSee /admin/integrity.";
        var html = "<p>The integrity check found problems:</p><ul>" + string.Concat(issues.Select(i => $"<li><b>{System.Net.WebUtility.HtmlEncode(i.Check)}</b>: {System.Net.WebUtility.HtmlEncode(i.Detail)}</li>")) + "</ul>";
        var o = options.Value;
        var messageId = $"integrity.{context.ScheduledFireTimeUtc?.ToUnixTimeSeconds()}@{o.FromAddress.Split('@').Last()}";
        await email.SendAsync(new EmailMessage(new EmailAddress(o.StaffAddress, "Store staff"), new EmailContent($"Integrity check: {issues.Count} problem(s)", text, html), messageId), cancellationToken);
    }
}

/// <summary>Compares the payment provider's recent charges with the store's orders and repairs what is safe.</summary>
[DisallowConcurrentExecution]
public sealed class PaymentReconciliationJob(Payments.PaymentReconciliationService reconciliation, ILogger<PaymentReconciliationJob> logger) : IJob
{
    public static readonly JobKey Key = new("payment-reconciliation", JobsServiceCollectionExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var findings = await reconciliation.ReconcileAsync(TimeSpan.FromHours(24), cancellationToken);
        context.Result = findings.Count;
        foreach (var f in findings.Where(f => f.Repair is null))
        {
            logger.LogWarning("Payment reconciliation: {Check} {Provider} {ProviderPaymentId} order {OrderId}: {Detail}", f.Check, f.Provider, f.ProviderPaymentId, f.OrderId, f.Detail);
        }
    }
}
