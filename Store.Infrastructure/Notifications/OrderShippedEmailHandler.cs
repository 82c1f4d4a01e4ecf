using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Tells the shopper the parcel is on its way, with the carrier's tracking link where one is known.</summary>
public sealed class OrderShippedEmailHandler(
    OrderQueries orders,
    EmailTemplates templates,
    IEmailSender sender,
    IOptions<EmailOptions> options,
    ILogger<OrderShippedEmailHandler> logger) : IOutboxHandler
{
    public string EventType => "order.shipped";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var shipped = JsonSerializer.Deserialize<OrderShipped>(message.Payload, Outbox.Outbox.Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has no {EventType} payload.");
        var order = await orders.DetailAsync(shipped.OrderId, ct);
        if (order is null)
        {
            logger.LogWarning("No shipping email for order {OrderId}: the order no longer exists", shipped.OrderId);
            return;
        }

        var model = new OrderShippedEmailModel(order.Id, order.Number, order.ShippingAddress.Name, shipped.Carrier, shipped.TrackingNumber, TrackingUrl(shipped.Carrier, shipped.TrackingNumber));
        var messageId = EmailMessage.IdFor(message.Id, "order-shipped", options.Value.FromAddress);
        await sender.SendAsync(new EmailMessage(new EmailAddress(order.Email, order.ShippingAddress.Name), templates.OrderShipped(model), messageId), ct);
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
