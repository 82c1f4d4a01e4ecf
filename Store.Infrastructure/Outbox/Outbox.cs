using System.Text.Json;
using Store.Domain.Common;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Outbox;

/// <summary>Adds events to the unit of work; they are saved by the caller's SaveChanges, inside its transaction.</summary>
public sealed class Outbox(StoreDbContext db, IClock clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Add<TEvent>(TEvent @event)
        where TEvent : IDomainEvent =>
        db.OutboxMessages.Add(new OutboxMessage(Guid.NewGuid(), @event.EventType, JsonSerializer.Serialize(@event, Json), clock.UtcNow));
}
