using Store.Domain.Ordering.Events;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Confirms a refund to the shopper, with what remains paid.</summary>
public sealed class OrderRefundedEmailHandler(OrderMailer mailer, EmailTemplates templates) : IOutboxHandler
{
    public string EventType => "order.refunded";

    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        // The event carries the amounts as they were, so a late or repeated send still tells the right story.
        var refunded = OrderMailer.Read<OrderRefunded>(message);
        return mailer.SendAsync(message, refunded.OrderId, "order-refunded", order => templates.RefundIssued(new RefundIssuedEmailModel(
            order.Id, order.Number, order.ShippingAddress.Name, refunded.AmountMinor, order.TotalMinor - refunded.RefundedTotalMinor, refunded.Currency)), ct);
    }
}
