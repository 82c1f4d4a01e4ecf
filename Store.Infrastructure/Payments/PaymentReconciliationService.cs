using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Payments;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Payments;

/// <summary>
/// Compares what remote providers (Stripe) hold or took in the last hours with the store's payments and orders,
/// for when a webhook was lost or the store stopped between the charge and its commit. Money held or taken for a
/// payment the store has not settled goes through <see cref="PaymentService.SyncWithProviderAsync"/>, the webhook's
/// own path: the order is completed if it still holds its stock, otherwise the money is released or refunded.
/// A paid order whose money the provider does not show is only reported: staff decide, nothing ships meanwhile.
/// Refunds are compared too: one the provider made that the store has not recorded (a dashboard refund whose
/// webhook was lost) is recorded through <see cref="ProviderRefundService"/>, the webhook's path, or flagged when it
/// cannot be; a store refund the provider has no record of is flagged for staff.
/// Meant to run every 15 minutes over the last 24 hours (Stripe's idempotency keys live 24 hours): the Quartz job
/// PaymentReconciliationJob calls <see cref="ReconcileAsync"/> every 15 minutes.
/// </summary>
public sealed class PaymentReconciliationService(
    StoreDbContext db,
    PaymentService payments,
    ProviderRefundService refunds,
    PaymentGateways gateways,
    IOptions<PaymentOptions> options,
    AuditLog audit,
    IClock clock,
    ILogger<PaymentReconciliationService> logger)
{
    public const string Actor = "system:payment-reconciliation";

    private const string CompletedRepair = "Completed the order through the payment flow.";

    public async Task<IReadOnlyList<ReconciliationFinding>> ReconcileAsync(TimeSpan window, CancellationToken ct = default)
    {
        var since = clock.UtcNow - window;
        var findings = new List<ReconciliationFinding>();
        foreach (var gateway in gateways.Remote)
        {
            var listed = await gateway.ListRecentAsync(since, ct);
            if (!listed.IsSuccess)
            {
                findings.Add(new("provider-unreachable", gateway.Provider, null, null, null, listed.Error!.Message, null));
                continue;
            }

            var capturedNow = new HashSet<string>(StringComparer.Ordinal);
            foreach (var money in listed.Value.Where(m => m.Status is ProviderPaymentStatus.Succeeded or ProviderPaymentStatus.Authorised))
            {
                if (await CheckMoneyAsync(gateway, money, ct) is { } finding)
                {
                    findings.Add(finding);
                    if (finding.Repair == CompletedRepair)
                    {
                        capturedNow.Add(money.Id);
                    }
                }
            }

            // Held money the repair above just captured was listed as held: it is not a paid order without a charge.
            findings.AddRange(await PaidWithoutChargeAsync(gateway, since, listed.Value, capturedNow, ct));
            findings.AddRange(await CompareRefundsAsync(gateway, since, ct));
        }

        if (findings.Count > 0)
        {
            logger.LogWarning("Payment reconciliation: {Count} findings, {Repaired} repaired", findings.Count, findings.Count(f => f.Repair is not null));
        }

        return findings;
    }

    private async Task<ReconciliationFinding?> CheckMoneyAsync(IPaymentGateway gateway, ProviderPayment money, CancellationToken ct)
    {
        var local = money.PaymentId is { } id
            ? await db.Payments.AsNoTracking().Where(p => p.Id == id && p.Provider == gateway.Provider)
                .Join(db.Orders, p => p.OrderId, o => o.Id, (p, o) => new { p.Id, p.Status, p.OrderId, o.Number, OrderStatus = o.Status })
                .FirstOrDefaultAsync(ct)
            : null;
        if (local is null)
        {
            return new("unknown-charge", gateway.Provider, money.Id, money.PaymentId, money.OrderId,
                $"{money.AmountMinor} {money.Currency} {money.Status} at {gateway.Provider} for no payment of this store.", null);
        }

        var settled = local.Status is PaymentStatus.Succeeded or PaymentStatus.Voided
            || (local.Status == PaymentStatus.Authorised && money.Status == ProviderPaymentStatus.Authorised && !options.Value.Stripe.CaptureOnPayment);
        if (settled)
        {
            return null;
        }

        db.ChangeTracker.Clear();
        var synced = await payments.SyncWithProviderAsync(local.Id, money.Id, Actor, ct: ct);
        var detail = $"{money.AmountMinor} {money.Currency} {money.Status} at {gateway.Provider}, but payment {local.Id} was {local.Status} and order #{local.Number} {local.OrderStatus}.";
        var repair = synced.IsSuccess && synced.Value is not (PaymentSyncOutcome.Unchanged or PaymentSyncOutcome.Duplicate)
            ? synced.Value switch
            {
                PaymentSyncOutcome.Completed => CompletedRepair,
                PaymentSyncOutcome.Voided => "Gave the money back: the order could not be filled.",
                _ => $"Payment is now {synced.Value}.",
            }
            : null;
        if (repair is not null)
        {
            audit.Record(Actor, "payment.reconciled", "payment", local.Id.ToString(), new { local.OrderId, ProviderPaymentId = money.Id, Detail = detail, Repair = repair });
            await db.SaveChangesAsync(ct);
        }
        else if (synced.IsSuccess && await SettledNowAsync(local.Id, money.Status, ct))
        {
            // The buyer's return or a webhook settled it between the listing and the payment's lock: nothing was missed.
            return null;
        }

        return new("charge-without-paid-order", gateway.Provider, money.Id, local.Id, local.OrderId,
            synced.IsSuccess ? detail : $"{detail} Repair failed: {synced.Error!.Message}", repair);
    }

    private async Task<bool> SettledNowAsync(Guid paymentId, ProviderPaymentStatus atProvider, CancellationToken ct)
    {
        var status = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => p.Status).FirstAsync(ct);
        return status is PaymentStatus.Succeeded or PaymentStatus.Voided
            || (status == PaymentStatus.Authorised && atProvider == ProviderPaymentStatus.Authorised && !options.Value.Stripe.CaptureOnPayment);
    }

    private async Task<IReadOnlyList<ReconciliationFinding>> CompareRefundsAsync(IPaymentGateway gateway, DateTimeOffset since, CancellationToken ct)
    {
        // The provider's refund is made before the store's row is saved: an hour of slack keeps the window's edge quiet.
        var listed = await gateway.ListRefundsAsync(null, since - TimeSpan.FromHours(1), ct);
        if (!listed.IsSuccess)
        {
            return [new("provider-unreachable", gateway.Provider, null, null, null, listed.Error!.Message, null)];
        }

        var findings = new List<ReconciliationFinding>();
        var provider = gateway.Provider;
        var intents = listed.Value.Select(r => r.ProviderPaymentId).Distinct().ToList();
        var local = await db.Payments.AsNoTracking()
            .Where(p => p.Provider == provider && p.ProviderPaymentId != null && intents.Contains(p.ProviderPaymentId))
            .Select(p => new { p.Id, p.OrderId, p.Status, ProviderPaymentId = p.ProviderPaymentId! })
            .ToListAsync(ct);
        var paymentIds = local.Select(p => p.Id).ToList();
        var recorded = await db.Refunds.AsNoTracking()
            .Where(r => paymentIds.Contains(r.PaymentId))
            .Select(r => new { r.Id, r.ProviderReference })
            .ToListAsync(ct);
        bool IsRecorded(ProviderRefund r) => recorded.Any(x => x.ProviderReference == r.Id || (r.StoreRefundId != null && string.Equals(x.Id.ToString(), r.StoreRefundId, StringComparison.OrdinalIgnoreCase)));

        // A voided payment's refund is the store's own giving back of money it could not keep: nothing to record.
        foreach (var payment in local.Where(p => p.Status != PaymentStatus.Voided))
        {
            var missing = listed.Value.Where(r => r.ProviderPaymentId == payment.ProviderPaymentId && r.Succeeded && !IsRecorded(r)).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            db.ChangeTracker.Clear();
            var synced = await refunds.SyncAsync(provider, payment.ProviderPaymentId, Actor, ct: ct);
            var nowRecorded = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == payment.Id && r.ProviderReference != null).Select(r => r.ProviderReference!).ToListAsync(ct);
            foreach (var refund in missing)
            {
                var done = nowRecorded.Contains(refund.Id);
                findings.Add(new("refund-not-in-store", provider, payment.ProviderPaymentId, payment.Id, payment.OrderId,
                    $"{refund.AmountMinor} {refund.Currency} refunded at {provider} ({refund.Id}) but not recorded on the order."
                        + (done || synced.IsSuccess ? "" : $" Recording failed: {synced.Error!.Message}"),
                    done ? "Recorded the refund on the order (no stock put back)." : null));
            }
        }

        var byId = listed.Value.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var storeRefunds = await db.Refunds.AsNoTracking()
            .Where(r => r.CreatedAt >= since)
            .Join(db.Payments.Where(p => p.Provider == provider), r => r.PaymentId, p => p.Id, (r, p) => new { r.Id, r.OrderId, r.PaymentId, r.AmountMinor, r.Currency, r.ProviderReference, p.ProviderPaymentId })
            .ToListAsync(ct);
        foreach (var refund in storeRefunds)
        {
            var known = refund.ProviderReference is not null && byId.TryGetValue(refund.ProviderReference, out var atProvider) ? atProvider : null;
            if (known is null && refund.ProviderReference is not null && refund.ProviderPaymentId is not null)
            {
                // Made (and saved) after the listing above, by staff or a webhook meanwhile: ask about this payment again.
                var again = await gateway.ListRefundsAsync(refund.ProviderPaymentId, null, ct);
                known = again.IsSuccess ? again.Value.FirstOrDefault(r => r.Id == refund.ProviderReference) : null;
            }

            if (known is { Succeeded: true } || known is { Status: "pending" })
            {
                continue;
            }

            findings.Add(new("refund-unknown-to-provider", provider, refund.ProviderPaymentId, refund.PaymentId, refund.OrderId,
                known is null
                    ? $"The store recorded a refund of {refund.AmountMinor} {refund.Currency} ({refund.ProviderReference ?? "no provider id"}) that {provider} has no record of; check it before telling the shopper."
                    : $"The store recorded a refund of {refund.AmountMinor} {refund.Currency} that {provider} reports as {known.Status}; the money did not go back.",
                null));
        }

        return findings;
    }

    private async Task<IEnumerable<ReconciliationFinding>> PaidWithoutChargeAsync(
        IPaymentGateway gateway, DateTimeOffset since, IReadOnlyList<ProviderPayment> listed, IReadOnlySet<string> capturedNow, CancellationToken ct)
    {
        // A provider's payment is created after the store's row, so every payment made since then is in the list.
        var captured = listed.Where(m => m.Status == ProviderPaymentStatus.Succeeded).Select(m => m.Id).Concat(capturedNow).ToHashSet();
        var paid = await db.Payments.AsNoTracking()
            .Where(p => p.Provider == gateway.Provider && p.Status == PaymentStatus.Succeeded && p.CreatedAt >= since)
            .Join(db.Orders, p => p.OrderId, o => o.Id, (p, o) => new { p.Id, p.OrderId, p.ProviderPaymentId, o.Number })
            .ToListAsync(ct);
        var findings = new List<ReconciliationFinding>();
        foreach (var p in paid.Where(p => p.ProviderPaymentId is null || !captured.Contains(p.ProviderPaymentId)))
        {
            // Listed as held or not at all, and paid now: the buyer's return or a webhook may have captured it after
            // the listing. The provider is asked again before staff are told to hold a parcel.
            if (p.ProviderPaymentId is not null && await gateway.GetAsync(p.ProviderPaymentId, ct) is { IsSuccess: true, Value.Status: ProviderPaymentStatus.Succeeded })
            {
                continue;
            }

            findings.Add(new ReconciliationFinding("paid-order-without-charge", gateway.Provider, p.ProviderPaymentId, p.Id, p.OrderId,
                $"Order #{p.Number} is paid, but {gateway.Provider} shows no captured payment {p.ProviderPaymentId ?? "(none)"} for it; hold shipping and check with {gateway.Provider}.", null));
        }

        return findings;
    }
}
