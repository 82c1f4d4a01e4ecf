using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Inventory;
using Store.Infrastructure.Data;
using Store.Infrastructure.Notifications;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Inventory;

/// <summary>
/// The inventory worker's answer to low stock: tell staff, and draft a purchase order to the product's supplier
/// unless one is already open for it. Safe to run twice: the second run finds the line already on order
/// and the same email Message-Id.
/// </summary>
public sealed class StockLowHandler(
    StoreDbContext db,
    PurchaseOrderService purchaseOrders,
    ReorderService reorder,
    EmailTemplates templates,
    IEmailSender email,
    IOptions<EmailOptions> emailOptions,
    ILogger<StockLowHandler> logger) : IOutboxHandler
{
    public const string Actor = "system:inventory-worker";

    public string EventType => "stock.low";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var low = JsonSerializer.Deserialize<StockLow>(message.Payload, Outbox.Outbox.Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has no {EventType} payload.");
        var item = await db.Variants.AsNoTracking()
            .Where(v => v.Id == low.VariantId)
            .Select(v => new { v.Sku, v.Product.Name, SupplierId = v.SupplierId ?? v.Product.SupplierId, v.PackSize, Location = db.Locations.Where(l => l.Id == low.LocationId).Select(l => l.Name).First() })
            .FirstOrDefaultAsync(ct);
        if (item is null)
        {
            logger.LogWarning("Low stock for variant {VariantId} that no longer exists", low.VariantId);
            return;
        }

        if (item.SupplierId is { } supplierId && !await purchaseOrders.IsOnOrderAsync(low.VariantId, low.LocationId, ct))
        {
            // The owner's reorder quantity, or more when recent sales say it would not last until the next delivery.
            var suggested = (await reorder.SuggestAsync(low.VariantId, ct)).FirstOrDefault(l => l.LocationId == low.LocationId)?.Suggestion.Quantity ?? 0;
            var quantity = Math.Max(ReorderPlanner.RoundUpToPack(low.ReorderQuantity, item.PackSize), suggested);
            var drafted = await purchaseOrders.AddToDraftAsync(supplierId, low.LocationId, low.VariantId, quantity, Actor, ct);
            if (!drafted.IsSuccess)
            {
                logger.LogWarning("No purchase order drafted for {Sku}: {Reason}", item.Sku, drafted.Error!.Message);
            }
        }

        var options = emailOptions.Value;
        var content = templates.LowStockAlert(new LowStockAlertModel([new LowStockLine(item.Sku, item.Name, item.Location, low.Available, low.ReorderPoint)]));
        await email.SendAsync(new EmailMessage(new EmailAddress(options.StaffAddress, "Store staff"), content, EmailMessage.IdFor(message.Id, "low-stock", options.FromAddress)), ct);
    }
}
