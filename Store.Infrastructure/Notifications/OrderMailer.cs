using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>
/// What every order email handler does: read the event, load the order as it is now, skip (with a log line)
/// when it is gone or the email no longer fits, and send to the shopper with a Message-Id fixed by the
/// outbox message, so a redelivered message is recognisably the same mail.
/// </summary>
public sealed class OrderMailer(OrderQueries orders, OrderEmailQueries emails, EmailTemplates templates, IEmailSender sender, IOptions<EmailOptions> options, ILogger<OrderMailer> logger)
{
    public static TEvent Read<TEvent>(OutboxMessage message) =>
        JsonSerializer.Deserialize<TEvent>(message.Payload, Outbox.Outbox.Json)
        ?? throw new InvalidOperationException($"Outbox message {message.Id} has no {message.Type} payload.");

    /// <param name="compose">The email for the order, or null when it should not be sent any more.</param>
    public async Task SendAsync(OutboxMessage message, Guid orderId, string purpose, Func<OrderDetail, EmailContent?> compose, CancellationToken ct)
    {
        var order = await orders.DetailAsync(orderId, ct);
        if (order is null)
        {
            logger.LogWarning("No {Purpose} email for order {OrderId}: the order no longer exists", purpose, orderId);
            return;
        }

        if (compose(order) is not { } content)
        {
            logger.LogInformation("No {Purpose} email for order {OrderId}: it is {Status} now", purpose, orderId, order.Status);
            return;
        }

        var messageId = EmailMessage.IdFor(message.Id, purpose, options.Value.FromAddress);
        await sender.SendAsync(new EmailMessage(new EmailAddress(order.Email, order.ShippingAddress.Name), content, messageId), ct);
    }

    /// <summary>The order confirmation, sent whatever the order's state now: it confirms the payment that was taken.</summary>
    public async Task SendConfirmationAsync(OutboxMessage message, Guid orderId, CancellationToken ct)
    {
        const string purpose = "order-confirmation";
        if (await emails.ConfirmationAsync(orderId, ct) is not { } read)
        {
            logger.LogWarning("No {Purpose} email for order {OrderId}: the order no longer exists", purpose, orderId);
            return;
        }

        var messageId = EmailMessage.IdFor(message.Id, purpose, options.Value.FromAddress);
        await sender.SendAsync(new EmailMessage(new EmailAddress(read.Email, read.Model.ShipTo.Name), templates.OrderConfirmation(read.Model), messageId), ct);
    }
}
