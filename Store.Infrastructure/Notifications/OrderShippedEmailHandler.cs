using Store.Domain.Ordering.Events;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Tells the shopper the parcel is on its way, with the carrier's tracking link where one is known.</summary>
public sealed class OrderShippedEmailHandler(OrderMailer mailer, EmailTemplates templates) : IOutboxHandler
{
    public string EventType => "order.shipped";

    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var shipped = OrderMailer.Read<OrderShipped>(message);
        return mailer.SendAsync(message, shipped.OrderId, "order-shipped", order => templates.OrderShipped(new OrderShippedEmailModel(
            order.Id, order.Number, order.ShippingAddress.Name, shipped.Carrier, shipped.TrackingNumber, TrackingUrl(shipped.Carrier, shipped.TrackingNumber))), ct);
    }

    private static string? TrackingUrl(string carrier, string number)
    {
        var n = Uri.EscapeDataString(number);
        return carrier.Trim().ToUpperInvariant() switch
        {
            "UPS" => $"https://www.ups.com/track?tracknum={n}",
            "FEDEX" => $"https://www.fedex.com/fedextrack/?trknbr={n}",
            "USPS" => $"https://tools.usps.com/go/TrackConfirmAction?tLabels={n}",
            "DHL" => $"https://www.dhl.com/en/express/tracking.html?AWB={n}",
            _ => null,
        };
    }
}
