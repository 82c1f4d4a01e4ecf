using Store.Domain.Ordering.Events;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Tells the shopper the parcel is on its way, with a link to the store's public tracking page.</summary>
public sealed class OrderShippedEmailHandler(OrderMailer mailer, EmailTemplates templates) : IOutboxHandler
{
    public string EventType => "order.shipped";

    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var shipped = OrderMailer.Read<OrderShipped>(message);
        return mailer.SendAsync(message, shipped.OrderId, "order-shipped", order => templates.OrderShipped(new OrderShippedEmailModel(
            order.Id, order.Number, order.ShippingAddress.Name, shipped.Carrier, shipped.TrackingNumber)), ct);
    }
}
