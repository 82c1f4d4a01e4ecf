using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Ordering;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>Tells the shopper a payment failed, with a link to try again.</summary>
public sealed class PaymentFailedEmailHandler(
    OrderQueries orders,
    EmailTemplates templates,
    IEmailSender sender,
    IOptions<EmailOptions> options,
    ILogger<PaymentFailedEmailHandler> logger) : IOutboxHandler
{
    public string EventType => "payment.failed";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var failed = JsonSerializer.Deserialize<PaymentFailed>(message.Payload, Outbox.Outbox.Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has no {EventType} payload.");
        var order = await orders.DetailAsync(failed.OrderId, ct);
        if (order is null)
        {
            logger.LogWarning("No payment-failed email for order {OrderId}: the order no longer exists", failed.OrderId);
            return;
        }

        // The shopper often retries at once; by the time this runs the order may be paid or cancelled, and an
        // email asking to pay again would only confuse.
        if (order.Status != OrderStatus.AwaitingPayment)
        {
            logger.LogInformation("No payment-failed email for order {OrderId}: it is {Status} now", order.Id, order.Status);
            return;
        }

        var content = templates.PaymentFailed(new PaymentFailedEmailModel(order.Id, order.Number, order.ShippingAddress.Name, failed.Reason, order.TotalMinor, order.Currency));
        var messageId = EmailMessage.IdFor(message.Id, "payment-failed", options.Value.FromAddress);
        await sender.SendAsync(new EmailMessage(new EmailAddress(order.Email, order.ShippingAddress.Name), content, messageId), ct);
    }
}
