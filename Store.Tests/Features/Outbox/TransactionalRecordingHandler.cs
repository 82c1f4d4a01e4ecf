using System.Collections.Concurrent;
using Store.Infrastructure.Outbox;

namespace Store.Tests.Features.Outbox;

/// <summary>A <see cref="RecordingHandler"/> that declares all its effects transactional, so its messages are batched.</summary>
public sealed class TransactionalRecordingHandler(string eventType, ConcurrentDictionary<Guid, int> calls, Func<OutboxMessage, Task>? then = null)
    : ITransactionalOutboxHandler
{
    private readonly RecordingHandler inner = new(eventType, calls, then);

    public string EventType => eventType;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => inner.HandleAsync(message, ct);
}
