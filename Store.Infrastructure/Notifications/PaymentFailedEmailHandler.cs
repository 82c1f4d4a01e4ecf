using Store.Domain.Ordering;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Tells the shopper a payment failed, with a link to try again.</summary>
public sealed class PaymentFailedEmailHandler(OrderMailer mailer, EmailTemplates templates) : IOutboxHandler
{
    public string EventType => "payment.failed";

    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var failed = OrderMailer.Read<PaymentFailed>(message);

        // The shopper often retries at once; by the time this runs the order may be paid or cancelled, and an
        // email asking to pay again would only confuse.
        return mailer.SendAsync(message, failed.OrderId, "payment-failed", order => order.Status != OrderStatus.AwaitingPayment
            ? null
            : templates.PaymentFailed(new PaymentFailedEmailModel(order.Id, order.Number, order.ShippingAddress.Name, failed.Reason, order.TotalMinor, order.Currency)), ct);
    }
}
