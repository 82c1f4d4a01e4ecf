using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Ordering.Events;
using Store.Domain.Payments;
using Store.Domain.Shipping;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Shipping;

namespace Store.Infrastructure.Ordering;

/// <summary>
/// Staff moving an order through its life. Each action locks the order row, asks the order whether the move is
/// legal, and saves the move, its stock and money effects, the audit entry and the outbox event in one transaction.
/// </summary>
public sealed class OrderAdminService(
    StoreDbContext db,
    InventoryService inventory,
    Promotions.PromotionRedemptions redemptions,
    PaymentService payments,
    PaymentGateways gateways,
    AuditLog audit,
    Outbox.Outbox outbox,
    FulfilmentService fulfilment,
    ShipmentService shipments,
    IClock clock)
{
    /// <summary>Fulfilment starts: the order gets its parcel, with a tracking number and a label to print.</summary>
    public Task<Result<bool>> StartFulfilmentAsync(Guid orderId, string actor, CancellationToken ct = default) =>
        ChangeAsync(orderId, actor, "order.fulfilling", (order, _) => fulfilment.StartAsync(order, actor, ct), ct);

    /// <summary>The parcel leaves with the carrier and tracking number of its shipment; the shopper is emailed.</summary>
    public Task<Result<bool>> ShipAsync(Guid orderId, string actor, CancellationToken ct = default) =>
        RecordShipmentEventAsync(orderId, ShipmentEventKind.Shipped, null, null, actor, ct);

    public Task<Result<bool>> MarkDeliveredAsync(Guid orderId, string actor, CancellationToken ct = default) =>
        RecordShipmentEventAsync(orderId, ShipmentEventKind.Delivered, null, null, actor, ct);

    /// <summary>
    /// A step in the parcel's journey. "Shipped" and "delivered" move the order too, through its state machine, in
    /// the same transaction: the tracking page and the order never disagree.
    /// </summary>
    public Task<Result<bool>> RecordShipmentEventAsync(Guid orderId, ShipmentEventKind kind, string? location, string? note, string actor, CancellationToken ct = default) =>
        ChangeAsync(orderId, actor, kind == ShipmentEventKind.Shipped ? "order.shipped" : kind == ShipmentEventKind.Delivered ? "order.delivered" : "shipment.event", async (order, now) =>
        {
            if (kind == ShipmentEventKind.LabelCreated)
            {
                return DomainError.Invalid("shipment.event", "A label is created when fulfilment starts.");
            }

            // Orders shipped before shipments existed have none: delivering them only moves the order.
            var shipment = kind == ShipmentEventKind.Shipped
                ? await shipments.EnsureAsync(order, actor, now, ct)
                : await shipments.FindAsync(order.Id, ct) is { } found ? found : (Result<Shipment>)DomainError.NotFound("shipment.none", "This order has no shipment.");
            if (!shipment.IsSuccess && !(kind == ShipmentEventKind.Delivered && order.Status == OrderStatus.Shipped))
            {
                return shipment.Error!;
            }

            if (shipment.IsSuccess)
            {
                var recorded = shipment.Value.Record(kind, location, note, actor, now);
                if (!recorded.IsSuccess)
                {
                    return recorded;
                }
            }

            switch (kind)
            {
                case ShipmentEventKind.Shipped:
                    var shipped = order.Ship(shipment.Value.Carrier, shipment.Value.TrackingNumber, actor, now);
                    if (shipped.IsSuccess)
                    {
                        outbox.Add(new OrderShipped(order.Id, order.Number, order.Email, order.Carrier!, order.TrackingNumber!));
                    }

                    return shipped;
                case ShipmentEventKind.Delivered:
                    return order.MarkDelivered(actor, now);
                default:
                    return true;
            }
        }, ct);

    /// <summary>Cancels an unpaid order and gives its held stock back, and any money held for it.</summary>
    public Task<Result<bool>> CancelAsync(Guid orderId, string actor, string reason, CancellationToken ct = default) =>
        ChangeAsync(orderId, actor, "order.cancelled", async (order, now) =>
        {
            var cancelled = order.Cancel(actor, string.IsNullOrWhiteSpace(reason) ? "Cancelled by staff" : reason.Trim(), now);
            if (!cancelled.IsSuccess)
            {
                return cancelled;
            }

            await inventory.ReleaseAsync(order.Id, actor, "Order cancelled", ct);
            await redemptions.ReleaseAsync(order.Id, now, ct);
            foreach (var payment in await db.Payments.Where(p => p.OrderId == order.Id && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.Authorised)).ToListAsync(ct))
            {
                if (payment.Status == PaymentStatus.Pending)
                {
                    payment.Decline(null, "The order was cancelled.", now);
                    continue;
                }

                var released = await gateways.For(payment.Provider).CancelAsync(payment, ct);
                if (!released.IsSuccess)
                {
                    return released.Error!;
                }

                payment.Void("The order was cancelled; the held money was released.", now);
            }

            return cancelled;
        }, ct);

    /// <summary>Takes money that is held for an order (when the shop does not capture on payment): the order becomes paid.</summary>
    public async Task<Result<bool>> CapturePaymentAsync(Guid orderId, string actor, CancellationToken ct = default)
    {
        // Not through ChangeAsync: the payment flow locks the payment row before the order row.
        var captured = await payments.CaptureAsync(orderId, actor, ct);
        return captured.IsSuccess ? captured.Value == PaymentSyncOutcome.Completed : captured.Error!;
    }

    /// <summary>The goods came back: they go back on the shelves they were sold from.</summary>
    public Task<Result<bool>> MarkReturnedAsync(Guid orderId, string actor, string reason, CancellationToken ct = default) =>
        ChangeAsync(orderId, actor, "order.returned", async (order, now) =>
        {
            var returned = order.MarkReturned(actor, string.IsNullOrWhiteSpace(reason) ? "Returned" : reason.Trim(), now);
            if (returned.IsSuccess)
            {
                await inventory.RestockReturnAsync(order.Id, actor, "Order returned", ct);
            }

            return returned;
        }, ct);

    /// <summary>
    /// Gives money back on the order's successful payment through the provider that took it (the built-in one
    /// refunds at once; Stripe with an idempotency key per refund). If the provider refuses or cannot be reached,
    /// nothing changes. With <paramref name="restock"/>, the sold units go back into stock (a refund before shipping).
    /// </summary>
    public Task<Result<bool>> RefundAsync(Guid orderId, long amountMinor, string reason, bool restock, string actor, CancellationToken ct = default)
    {
        // One id for every attempt of this refund: it is the provider's idempotency key, so a unit replayed after a
        // lost connection or a deadlock gets the first refund back from the provider instead of making a second.
        var refundId = Guid.NewGuid();
        return ChangeAsync(orderId, actor, "order.refunded", async (order, now) =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return DomainError.Invalid("refund.reason", "Say why the money is refunded.");
            }

            var payment = await db.Payments.FirstOrDefaultAsync(p => p.OrderId == order.Id && p.Status == PaymentStatus.Succeeded, ct);
            if (payment is null)
            {
                return DomainError.Conflict("refund.unpaid", $"Order #{order.Number} has no successful payment to refund.");
            }

            var refunded = order.RecordRefund(amountMinor, actor, reason.Trim(), now);
            if (!refunded.IsSuccess)
            {
                return refunded;
            }

            // Asked last, under the payment's and the order's locks: a refused refund rolls back the steps above.
            var provider = await gateways.For(payment.Provider).RefundAsync(payment, refundId.ToString(), amountMinor, ct);
            if (!provider.IsSuccess)
            {
                return provider.Error!;
            }

            db.Refunds.Add(new Refund(refundId, order.Id, payment.Id, amountMinor, order.Currency, reason.Trim(), actor, now, provider.Value));
            if (restock)
            {
                await inventory.RestockReturnAsync(order.Id, actor, "Refunded and restocked", ct);
            }

            outbox.Add(new OrderRefunded(order.Id, order.Number, order.Email, amountMinor, order.RefundedMinor, order.Currency));
            return refunded;
        }, ct, lockPaidPayment: true);
    }

    private Task<Result<bool>> ChangeAsync(
        Guid orderId, string actor, string action, Func<Order, DateTimeOffset, Task<Result<bool>>> change, CancellationToken ct, bool lockPaidPayment = false) =>
        db.RetriableAsync(token => ChangeOnceAsync(orderId, actor, action, change, lockPaidPayment, token), ct);

    private async Task<Result<bool>> ChangeOnceAsync(
        Guid orderId, string actor, string action, Func<Order, DateTimeOffset, Task<Result<bool>>> change, bool lockPaidPayment, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (lockPaidPayment)
        {
            // Payment before order, the order every payment path (webhooks, refund news, disputes) locks them in. A
            // refund's row checks its payment's key (a share lock on it), so locking the order alone and waiting on
            // the payment later deadlocked against a webhook holding the payment and waiting for the order.
            await db.Database.ExecuteSqlAsync(
                $"SELECT 1 FROM payments WHERE order_id = {orderId} AND status = {nameof(PaymentStatus.Succeeded)} ORDER BY id FOR UPDATE", ct);
        }

        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {orderId} FOR UPDATE", ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return DomainError.NotFound("order.unknown", "No such order.");
        }

        var before = order.Status;
        var result = await change(order, clock.UtcNow);
        if (!result.IsSuccess)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return result;
        }

        audit.Record(actor, action, "order", order.Id.ToString(), new { order.Number, Before = before.ToString(), After = order.Status.ToString(), order.RefundedMinor });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
