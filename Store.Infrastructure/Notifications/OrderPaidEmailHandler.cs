using Store.Domain.Ordering.Events;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Sends the order confirmation once the order is paid: that is when the shop has taken it.</summary>
public sealed class OrderPaidEmailHandler(OrderMailer mailer) : IOutboxHandler
{
    public string EventType => "order.paid";

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) =>
        mailer.SendConfirmationAsync(message, OrderMailer.Read<OrderPaid>(message).OrderId, ct);
}
