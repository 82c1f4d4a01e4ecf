using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Confirms a refund to the shopper, with what remains paid.</summary>
public sealed class OrderRefundedEmailHandler(
    OrderQueries orders,
    EmailTemplates templates,
    IEmailSender sender,
    IOptions<EmailOptions> options,
    ILogger<OrderRefundedEmailHandler> logger) : IOutboxHandler
{
    public string EventType => "order.refunded";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var refunded = JsonSerializer.Deserialize<OrderRefunded>(message.Payload, Outbox.Outbox.Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has no {EventType} payload.");
        var order = await orders.DetailAsync(refunded.OrderId, ct);
        if (order is null)
        {
            logger.LogWarning("No refund email for order {OrderId}: the order no longer exists", refunded.OrderId);
            return;
        }

        // The event carries the amounts as they were, so a late or repeated send still tells the right story.
        var model = new RefundIssuedEmailModel(order.Id, order.Number, order.ShippingAddress.Name, refunded.AmountMinor, order.TotalMinor - refunded.RefundedTotalMinor, refunded.Currency);
        var messageId = EmailMessage.IdFor(message.Id, "order-refunded", options.Value.FromAddress);
        await sender.SendAsync(new EmailMessage(new EmailAddress(order.Email, order.ShippingAddress.Name), templates.RefundIssued(model), messageId), ct);
    }
}
