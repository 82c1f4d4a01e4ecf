namespace Store.Infrastructure.Outbox;

/// <summary>
/// Handles one type of outbox message. Delivery is at least once (a crash after handling but before the message
/// is marked done repeats it), so a handler must be safe to run twice for the same message id.
/// Registered explicitly: services.AddScoped&lt;IOutboxHandler, MyHandler&gt;().
/// </summary>
public interface IOutboxHandler
{
    /// <summary>The <see cref="Store.Domain.Common.IDomainEvent.EventType"/> this handler takes, e.g. "order.paid".</summary>
    string EventType { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken ct);
}
