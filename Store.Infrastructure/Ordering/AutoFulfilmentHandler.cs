using System.Text.Json;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Ordering;

/// <summary>The order worker's fulfilment step: a paid order starts fulfilment by itself when the store says so.</summary>
public sealed class AutoFulfilmentHandler(FulfilmentService fulfilment) : IOutboxHandler
{
    public string EventType => "order.paid";

    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var paid = JsonSerializer.Deserialize<OrderPaid>(message.Payload, Outbox.Outbox.Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has no {EventType} payload.");
        return fulfilment.AutoFulfilAsync(paid.OrderId, ct);
    }
}
