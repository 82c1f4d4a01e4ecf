using Store.Domain.Ordering.Events;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Sends the order confirmation once the order is paid: that is when the shop has taken it.</summary>
public sealed class OrderPaidEmailHandler(OrderMailer mailer, EmailTemplates templates) : IOutboxHandler
{
    public string EventType => "order.paid";

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) =>
        mailer.SendAsync(message, OrderMailer.Read<OrderPaid>(message).OrderId, "order-confirmation", order => templates.OrderConfirmation(OrderEmailModel.From(order)), ct);
}
