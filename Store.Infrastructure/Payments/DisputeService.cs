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
/// Records a cardholder's dispute of a payment (Stripe's charge.dispute.* events) on the payment and on the order's
/// timeline, and tells staff through the outbox, who answer it in the provider's dashboard. A dispute is one row
/// per provider id, changed under the payment's and order's locks; a decided dispute is never reopened by a late
/// event, so repeated or reordered deliveries record each step once. The store changes no money or stock for it:
/// a lost dispute is the bank taking the money back, which staff settle (a refund or a write-off) themselves.
/// </summary>
public sealed class DisputeService(
    StoreDbContext db,
    PaymentService payments,
    AuditLog audit,
    Outbox.Outbox outbox,
    IClock clock,
    ILogger<DisputeService> logger)
{
    public async Task<Result<PaymentSyncOutcome>> RecordAsync(string provider, ProviderDispute news, string actor, ProcessedWebhookEvent? receipt = null, CancellationToken ct = default)
    {
        var found = await payments.FindByProviderPaymentAsync(provider, news.ProviderPaymentId, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        if (found.Value is not { } paymentId)
        {
            logger.LogWarning("{Provider} dispute {DisputeId} names {ProviderPaymentId}, which is no payment of this store", provider, news.Id, news.ProviderPaymentId);
            return PaymentSyncOutcome.Unchanged;
        }

        return await payments.RunLockedAsync(paymentId, receipt, async (payment, order) =>
        {
            var now = clock.UtcNow;
            var changed = false;
            var dispute = await db.PaymentDisputes.FirstOrDefaultAsync(d => d.ProviderReference == news.Id, ct);
            if (dispute is null)
            {
                dispute = new PaymentDispute(Guid.NewGuid(), order.Id, payment.Id, news.Id, news.AmountMinor, news.Currency.ToUpperInvariant(), news.Reason, news.CreatedAt);
                db.PaymentDisputes.Add(dispute);
                Note(order, dispute, actor, $"Dispute {news.Id} opened ({news.Reason}): {new Money(news.AmountMinor, dispute.Currency)} disputed", now);
                changed = true;
            }

            var moved = dispute.MoveTo(PaymentDispute.StatusFrom(news.Status), now);
            if (!moved.IsSuccess)
            {
                logger.LogWarning("{Provider} dispute {DisputeId}: {Reason}", provider, news.Id, moved.Error!.Message);
            }
            else if (moved.Value)
            {
                Note(order, dispute, actor, $"Dispute {news.Id} {dispute.Status.ToString().ToLowerInvariant()}", now);
                changed = true;
            }

            return changed ? PaymentSyncOutcome.Disputed : PaymentSyncOutcome.Unchanged;
        }, ct);
    }

    private void Note(Order order, PaymentDispute dispute, string actor, string note, DateTimeOffset now)
    {
        order.RecordNote(actor, note, now);
        audit.Record(actor, "payment.disputed", "payment", dispute.PaymentId.ToString(), new { OrderId = order.Id, order.Number, Dispute = dispute.ProviderReference, dispute.Reason, dispute.AmountMinor, Status = dispute.Status.ToString() });
        outbox.Add(new PaymentDisputed(order.Id, order.Number, dispute.ProviderReference, dispute.Reason, dispute.AmountMinor, dispute.Currency, dispute.Status.ToString()));
    }
}
