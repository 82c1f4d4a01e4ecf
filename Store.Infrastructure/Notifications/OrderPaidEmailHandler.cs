using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Sends the order confirmation once the order is paid: that is when the shop has taken it.</summary>
public sealed class OrderPaidEmailHandler(
    OrderQueries orders,
    EmailTemplates templates,
    IEmailSender sender,
    IOptions<EmailOptions> options,
    ILogger<OrderPaidEmailHandler> logger) : IOutboxHandler
{
    public string EventType => "order.paid";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var paid = JsonSerializer.Deserialize<OrderPaid>(message.Payload, Outbox.Outbox.Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has no {EventType} payload.");
        var order = await orders.DetailAsync(paid.OrderId, ct);
        if (order is null)
        {
            logger.LogWarning("No confirmation email for order {OrderId}: the order no longer exists", paid.OrderId);
            return;
        }

        var content = templates.OrderConfirmation(OrderEmailModel.From(order));
        var messageId = EmailMessage.IdFor(message.Id, "order-confirmation", options.Value.FromAddress);
        await sender.SendAsync(new EmailMessage(new EmailAddress(order.Email, order.ShippingAddress.Name), content, messageId), ct);
    }
}
