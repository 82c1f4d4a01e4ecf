using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Domain.Ordering;
using Store.Domain.Shipping;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Shipping;

namespace Store.Infrastructure.Ordering;

/// <summary>
/// Starting an order's fulfilment: the order's move to Fulfilling (its state machine decides) and the pick lists
/// that say which location ships which units, made from the stock committed to the order at payment. Staff start
/// it from the admin (<see cref="OrderAdminService.StartFulfilmentAsync"/>); the order worker starts it on its own
/// when an order is paid and the store says so (Store:Fulfilment:AutoFulfil).
/// </summary>
public sealed class FulfilmentService(
    StoreDbContext db,
    ShipmentService shipments,
    CarrierLabelService labels,
    Outbox.Outbox outbox,
    AuditLog audit,
    IOptions<ShopOptions> options,
    IClock clock)
{
    public const string SystemActor = "system";

    /// <summary>
    /// The order worker's step for a paid order. Runs inside the outbox dispatcher's transaction (or its own),
    /// under the order's row lock: an order already past Paid — fulfilled by staff, refunded, or this message
    /// delivered again — is left as it is, so the step happens at most once.
    /// </summary>
    public Task<bool> AutoFulfilAsync(Guid orderId, CancellationToken ct = default) =>
        db.RetriableAsync(token => AutoFulfilOnceAsync(orderId, token), ct);

    private async Task<bool> AutoFulfilOnceAsync(Guid orderId, CancellationToken ct)
    {
        if (!options.Value.Fulfilment.AutoFulfil)
        {
            return false;
        }

        await using var tx = await OwnedTransaction.BeginAsync(db.Database, ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {orderId} FOR UPDATE", ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || order.Status != OrderStatus.Paid)
        {
            return false;
        }

        var started = await StartAsync(order, SystemActor, ct);
        if (!started.IsSuccess)
        {
            return false;
        }

        audit.Record(SystemActor, "order.fulfilling", "order", order.Id.ToString(), new { order.Number, Before = nameof(OrderStatus.Paid), After = order.Status.ToString(), Automatic = true });

        // The carrier's label is the next message's work: fulfilment is saved now, whatever the carrier answers.
        if (labels.SellerFor(order.ShippingMethodId) is not null)
        {
            outbox.Add(new CarrierLabelWanted(order.Id, order.Number));
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Moves a locked, loaded order to Fulfilling and makes its pick lists and its shipment; the caller saves.</summary>
    internal async Task<Result<bool>> StartAsync(Order order, string actor, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var started = order.StartFulfilment(actor, now);
        if (!started.IsSuccess)
        {
            return started;
        }

        // Backordered units have no committed stock yet and are not on a list: they ship when stock arrives.
        if (!await db.PickLists.AnyAsync(p => p.OrderId == order.Id, ct))
        {
            var committed = await db.StockReservations.AsNoTracking()
                .Where(r => r.OrderId == order.Id && r.Status == ReservationStatus.Committed)
                .Join(db.Variants, r => r.VariantId, v => v.Id, (r, v) => new PickUnits(r.LocationId, r.VariantId, v.Sku, r.Quantity))
                .ToListAsync(ct);
            db.PickLists.AddRange(PickList.For(order.Id, committed, now));
        }

        // The parcel, with its tracking number and label, exists from the moment fulfilment starts.
        var shipment = await shipments.EnsureAsync(order, actor, now, ct);
        return shipment.IsSuccess ? started : shipment.Error!;
    }
}
