using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Ordering.Events;
using Store.Domain.Payments;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;
using Store.Infrastructure.Data.Configurations;

namespace Store.Infrastructure.Payments;

/// <summary>
/// Brings the store's refunds of a payment in line with the provider's, for money given back outside the store
/// (Stripe's dashboard). Like the payment webhooks, an event is only a nudge: the payment's refunds are read back
/// from the provider under the payment's and order's locks, so deliveries may repeat or arrive in any order, and
/// each provider refund is recorded once (by its id, also unique in the database; a refund the store asked for is
/// known by the id it keeps or by the refund_id it attached). A recorded refund moves the order to partially
/// refunded or refunded through the order's state machine and tells the shopper, but puts no stock back: only
/// staff know whether goods came back (they use "Goods returned").
/// </summary>
public sealed class ProviderRefundService(
    StoreDbContext db,
    PaymentService payments,
    PaymentGateways gateways,
    AuditLog audit,
    Outbox.Outbox outbox,
    IClock clock,
    ILogger<ProviderRefundService> logger)
{
    /// <summary>Syncs the refunds of the provider's payment <paramref name="providerPaymentId"/>.</summary>
    public async Task<Result<PaymentSyncOutcome>> SyncAsync(string provider, string providerPaymentId, string actor, ProcessedWebhookEvent? receipt = null, CancellationToken ct = default)
    {
        var found = await payments.FindByProviderPaymentAsync(provider, providerPaymentId, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        if (found.Value is not { } paymentId)
        {
            logger.LogInformation("{Provider} refund news for {ProviderPaymentId}, which is no payment of this store; ignored", provider, providerPaymentId);
            return PaymentSyncOutcome.Unchanged;
        }

        // News of a refund can overtake the news of the payment itself: settle the payment first, on its own path.
        var status = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => p.Status).FirstAsync(ct);
        if (status is PaymentStatus.Pending or PaymentStatus.Authorised or PaymentStatus.Declined)
        {
            var settled = await payments.SyncWithProviderAsync(paymentId, providerPaymentId, actor, ct: ct);
            if (!settled.IsSuccess)
            {
                return settled.Error!;
            }
        }

        db.ChangeTracker.Clear();
        return await payments.RunLockedAsync(paymentId, receipt, async (payment, order) =>
        {
            // A voided payment's refund is the store's own giving back of money it could not keep.
            if (payment.Status != PaymentStatus.Succeeded || payment.ProviderPaymentId is null)
            {
                return PaymentSyncOutcome.Unchanged;
            }

            var listed = await gateways.For(payment.Provider).ListRefundsAsync(payment.ProviderPaymentId, null, ct);
            if (!listed.IsSuccess)
            {
                return listed.Error!;
            }

            return await RecordAsync(payment, order, listed.Value, actor, ct) > 0 ? PaymentSyncOutcome.Refunded : PaymentSyncOutcome.Unchanged;
        }, ct);
    }

    /// <summary>The provider's succeeded refunds of this payment that the store has not recorded yet.</summary>
    internal async Task<IReadOnlyList<ProviderRefund>> UnrecordedAsync(Payment payment, IEnumerable<ProviderRefund> refunds, CancellationToken ct)
    {
        var recorded = await db.Refunds.AsNoTracking()
            .Where(r => r.PaymentId == payment.Id)
            .Select(r => new { r.Id, r.ProviderReference })
            .ToListAsync(ct);
        var references = recorded.Where(r => r.ProviderReference is not null).Select(r => r.ProviderReference!).ToHashSet(StringComparer.Ordinal);
        var ids = recorded.Select(r => r.Id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return refunds
            .Where(r => r.Succeeded && r.ProviderPaymentId == payment.ProviderPaymentId)
            .Where(r => !references.Contains(r.Id) && (r.StoreRefundId is null || !ids.Contains(r.StoreRefundId)))
            .OrderBy(r => r.CreatedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<int> RecordAsync(Payment payment, Order order, IReadOnlyList<ProviderRefund> refunds, string actor, CancellationToken ct)
    {
        var recorded = 0;
        foreach (var refund in await UnrecordedAsync(payment, refunds, ct))
        {
            var now = clock.UtcNow;
            var reason = $"Refunded at {payment.Provider}{(string.IsNullOrWhiteSpace(refund.Reason) ? "" : $" ({refund.Reason})")}";
            var moved = string.Equals(refund.Currency, order.Currency, StringComparison.OrdinalIgnoreCase)
                ? order.RecordRefund(refund.AmountMinor, actor, reason, now)
                : DomainError.Invalid("refund.currency", $"The refund is in {refund.Currency}, the order in {order.Currency}.");
            if (!moved.IsSuccess)
            {
                // Left for reconciliation and staff: the money moved at the provider whatever the store thinks.
                logger.LogWarning("{Provider} refund {RefundId} of order #{Number} cannot be recorded: {Reason}", payment.Provider, refund.Id, order.Number, moved.Error!.Message);
                audit.Record(actor, "refund.unrecorded", "order", order.Id.ToString(), new { order.Number, ProviderRefund = refund.Id, refund.AmountMinor, refund.Currency, Reason = moved.Error.Message });
                continue;
            }

            db.Refunds.Add(new Refund(Guid.NewGuid(), order.Id, payment.Id, refund.AmountMinor, order.Currency, reason, actor, now, refund.Id));
            audit.Record(actor, "order.refunded", "order", order.Id.ToString(), new { order.Number, ProviderRefund = refund.Id, refund.AmountMinor, After = order.Status.ToString(), order.RefundedMinor, Restocked = false });
            outbox.Add(new OrderRefunded(order.Id, order.Number, order.Email, refund.AmountMinor, order.RefundedMinor, order.Currency));
            recorded++;
        }

        return recorded;
    }
}
