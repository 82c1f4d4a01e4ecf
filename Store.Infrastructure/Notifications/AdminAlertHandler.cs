using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Domain.Ordering.Events;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

/// <summary>
/// Turns an outbox event into an alert for the staff on every instance: a NOTIFY sent in the dispatcher's transaction,
/// so it goes out when the message is marked done and never for a handling that rolled back. The outbox runs the
/// message on one instance; NOTIFY reaches the listeners of all. An event that waited long in the outbox (a backlog, a
/// worker that was down) is no news any more and makes no alert.
/// </summary>
public sealed class AdminAlertHandler(string eventType, StoreDbContext db, MoneyFormatter money, IClock clock) : ITransactionalOutboxHandler
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(10);

    public string EventType => eventType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        if (clock.UtcNow - message.OccurredAt > Freshness)
        {
            return;
        }

        var (text, link) = await DescribeAsync(message, ct);
        if (text is null)
        {
            return;
        }

        var alert = new AdminAlert(message.Id, eventType, text, link, message.OccurredAt);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({AdminAlert.Channel}, {JsonSerializer.Serialize(alert, Outbox.Outbox.Json)})", ct);
    }

    private async Task<(string? Text, string? Link)> DescribeAsync(OutboxMessage message, CancellationToken ct)
    {
        switch (eventType)
        {
            case AdminAlert.NewOrder:
                var placed = Read<OrderPlaced>(message);
                return ($"New order #{placed.Number}: {money.Format(new Money(placed.TotalMinor, placed.Currency))} from {placed.Email}", $"/admin/orders/{placed.OrderId}");
            case AdminAlert.PaymentFailed:
                var failed = Read<PaymentFailed>(message);
                return ($"Payment failed for order #{failed.Number}: {failed.Reason}", $"/admin/orders/{failed.OrderId}");
            case AdminAlert.Dispute:
                var disputed = Read<PaymentDisputed>(message);
                return ($"Payment dispute on order #{disputed.Number} ({money.Format(new Money(disputed.AmountMinor, disputed.Currency))}): {disputed.Reason}", $"/admin/orders/{disputed.OrderId}");
            case AdminAlert.LowStock:
                var low = Read<StockLow>(message);
                var variant = await db.Variants.AsNoTracking()
                    .Where(v => v.Id == low.VariantId)
                    .Select(v => new { v.Sku, v.Product.Name, Location = db.Locations.Where(l => l.Id == low.LocationId).Select(l => l.Name).FirstOrDefault() })
                    .FirstOrDefaultAsync(ct);
                return variant is null
                    ? (null, null)
                    : ($"Low stock: {variant.Sku} ({variant.Name}) at {variant.Location}, {low.Available} left (reorder point {low.ReorderPoint})", "/admin/inventory");
            default:
                return (null, null);
        }
    }

    private T Read<T>(OutboxMessage message) => JsonSerializer.Deserialize<T>(message.Payload, Outbox.Outbox.Json)
        ?? throw new InvalidOperationException($"Outbox message {message.Id} has no {eventType} payload.");
}
