using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Inventory;

/// <summary>
/// Gives back the stock of orders that were not paid in time: the order is cancelled, its reservations released
/// and any payment still waiting is closed, each order in its own transaction.
/// </summary>
public sealed class ReservationExpiryService(StoreDbContext db, InventoryService inventory, Promotions.PromotionRedemptions redemptions, AuditLog audit, IClock clock, ILogger<ReservationExpiryService> logger)
{
    public const string Actor = "system:reservation-expiry";

    public async Task<int> ReleaseExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.UtcNow;
        var orderIds = await db.StockReservations.AsNoTracking()
            .Where(r => r.Status == ReservationStatus.Active && r.ExpiresAt < now)
            .Select(r => r.OrderId)
            .Distinct()
            .Take(200)
            .ToListAsync(ct);

        var released = 0;
        foreach (var orderId in orderIds)
        {
            db.ChangeTracker.Clear();
            if (await ExpireAsync(orderId, ct))
            {
                released++;
            }
        }

        if (released > 0)
        {
            logger.LogInformation("Released the stock of {Count} unpaid orders", released);
        }

        return released;
    }

    private Task<bool> ExpireAsync(Guid orderId, CancellationToken ct) =>
        db.RetriableAsync(token => ExpireOnceAsync(orderId, token), ct);

    private async Task<bool> ExpireOnceAsync(Guid orderId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Payments before the order: the same lock order as completing a payment, so the two never deadlock.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM payments WHERE order_id = {orderId} AND status IN ('Pending', 'Authorised') FOR UPDATE", ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {orderId} FOR UPDATE", ct);

        var now = clock.UtcNow;
        var order = await db.Orders.FirstAsync(o => o.Id == orderId, ct);
        var stillHeld = await db.StockReservations
            .Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Active)
            .Select(r => r.ExpiresAt)
            .ToListAsync(ct);

        // Paid or extended meanwhile: nothing to do.
        if (stillHeld.Count == 0 || stillHeld.Max() >= now)
        {
            return false;
        }

        if (order.Status == OrderStatus.AwaitingPayment)
        {
            order.Cancel(Actor, "Not paid in time; the stock went back on sale", now);
            // A held (authorised) payment lapses at the provider; money that still arrives later is given back by the payment flow.
            var waiting = await db.Payments.Where(p => p.OrderId == orderId && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.Authorised)).ToListAsync(ct);
            foreach (var payment in waiting)
            {
                payment.Decline(null, "The order expired before payment.", now);
            }

            await redemptions.ReleaseAsync(orderId, now, ct);
        }

        await inventory.ReleaseAsync(orderId, Actor, "Reservation expired", ct);
        audit.Record(Actor, "order.expired", "order", orderId.ToString(), new { order.Number, Before = nameof(OrderStatus.AwaitingPayment), After = order.Status.ToString() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
