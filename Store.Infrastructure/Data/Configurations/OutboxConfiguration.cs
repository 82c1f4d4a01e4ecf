using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Type).HasMaxLength(100);
        b.Property(m => m.Payload).HasColumnType("jsonb");

        // The dispatcher's query: what is due and neither done nor parked.
        b.HasIndex(m => m.AvailableAt, "ix_outbox_messages_due").HasFilter("processed_at IS NULL AND parked_at IS NULL");
        b.HasIndex(m => m.OccurredAt);
    }
}

/// <summary>Webhook events already handled, by provider and event id: a redelivered event changes nothing.</summary>
public sealed class ProcessedWebhookEvent
{
    private ProcessedWebhookEvent()
    {
    }

    public ProcessedWebhookEvent(string provider, string eventId, string type, DateTimeOffset receivedAt)
    {
        Provider = provider;
        EventId = eventId;
        Type = type;
        ReceivedAt = receivedAt;
    }

    public string Provider { get; private set; } = "";
    public string EventId { get; private set; } = "";
    public string Type { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
}

public sealed class ProcessedWebhookEventConfiguration : IEntityTypeConfiguration<ProcessedWebhookEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedWebhookEvent> b)
    {
        b.ToTable("processed_webhook_events");
        b.HasKey(e => new { e.Provider, e.EventId });
        b.Property(e => e.Provider).HasMaxLength(30);
        b.Property(e => e.EventId).HasMaxLength(255);
        b.Property(e => e.Type).HasMaxLength(100);
    }
}
