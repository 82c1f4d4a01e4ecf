using System.Collections.Concurrent;
using Store.Infrastructure.Outbox;

namespace Store.Tests.Features.Outbox;

/// <summary>
/// Counts how often each message reaches it (per message id), then does what the test asks: nothing, or throw.
/// Registered per test with a factory, because a handler's event type is fixed per registration.
/// </summary>
public sealed class RecordingHandler(string eventType, ConcurrentDictionary<Guid, int> calls, Func<OutboxMessage, Task>? then = null) : IOutboxHandler
{
    public string EventType => eventType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        calls.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        if (then is not null)
        {
            await then(message);
        }
    }
}
