using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Ordering.Events;
using Store.Domain.Payments;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;

namespace Store.Infrastructure.Payments;

public sealed record PaymentView(Guid Id, Guid OrderId, long OrderNumber, PaymentStatus Status, long AmountMinor, string Currency, string? FailureReason)
{
    /// <summary>Where the shopper enters card details: the built-in provider's hosted page.</summary>
    public string RedirectUrl => $"/pay/test/{Id}";
}

/// <summary>
/// Payments through the built-in test provider, which behaves like a hosted payment page: the store creates a
/// payment, sends the shopper to the provider's page, and the provider reports the outcome. The card number is
/// checked in memory and dropped; only its last four digits are kept.
/// </summary>
public sealed class PaymentService(StoreDbContext db, InventoryService inventory, AuditLog audit, Outbox.Outbox outbox, IClock clock)
{
    public const string TestProvider = "test";

    /// <summary>Starts a payment for an unpaid order, or returns the one already waiting for the shopper.</summary>
    public async Task<Result<PaymentView>> StartAsync(Guid orderId, string? customerId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {orderId} FOR UPDATE", ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || (order.CustomerId is not null && order.CustomerId != customerId))
        {
            return DomainError.NotFound("order.unknown", "No such order.");
        }

        if (order.Status != OrderStatus.AwaitingPayment)
        {
            return DomainError.Conflict("order.state", $"Order #{order.Number} is {order.Status} and takes no payment.");
        }

        var pending = await db.Payments.FirstOrDefaultAsync(p => p.OrderId == orderId && p.Status == PaymentStatus.Pending, ct);
        if (pending is null)
        {
            pending = new Payment(Guid.NewGuid(), order.Id, TestProvider, order.TotalMinor, order.Currency, clock.UtcNow);
            db.Payments.Add(pending);
            audit.Record(order.Email, "payment.started", "payment", pending.Id.ToString(), new { OrderId = order.Id, pending.AmountMinor });
        }

        // The shopper is now on the provider's page: a slow but successful payment must still find its stock.
        await inventory.ExtendReservationsAsync(order.Id, ct);
        await db.SaveChangesAsync(ct);

        await tx.CommitAsync(ct);
        return ToView(pending, order.Number);
    }

    public async Task<PaymentView?> FindAsync(Guid paymentId, CancellationToken ct = default) =>
        await db.Payments.AsNoTracking()
            .Where(p => p.Id == paymentId)
            .Join(db.Orders, p => p.OrderId, o => o.Id, (p, o) => new PaymentView(p.Id, p.OrderId, o.Number, p.Status, p.AmountMinor, p.Currency, p.FailureReason))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The test provider's verdict on card details entered on its hosted page. A payment completes once: a
    /// replay (refresh, double submit, concurrent posts) returns the first outcome and changes nothing.
    /// </summary>
    public async Task<Result<PaymentView>> CompleteTestPaymentAsync(Guid paymentId, string? cardNumber, string? expiry, string? cvc, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Row locks, payment then order, serialise every completion of this payment and every change to its order.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM payments WHERE id = {paymentId} FOR UPDATE", ct);
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null)
        {
            return DomainError.NotFound("payment.unknown", "No such payment.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {payment.OrderId} FOR UPDATE", ct);
        var order = await db.Orders.Include(o => o.Items).FirstAsync(o => o.Id == payment.OrderId, ct);
        if (payment.Status != PaymentStatus.Pending)
        {
            return ToView(payment, order.Number);
        }

        var verdict = TestCard.Evaluate(cardNumber, expiry, cvc, clock.UtcNow);
        if (!verdict.IsSuccess)
        {
            return verdict.Error!;
        }

        var card = verdict.Value;
        var now = clock.UtcNow;
        if (card.Approved && order.Status == OrderStatus.AwaitingPayment)
        {
            payment.Succeed(card.Last4, now);
            order.MarkPaid("payments", now);
            await inventory.CommitAsync(order.Id, "payments", ct);
            await ClearCartAsync(order, ct);
            audit.Record(order.Email, "payment.succeeded", "payment", payment.Id.ToString(), new { OrderId = order.Id, payment.AmountMinor, Card = "•••• " + card.Last4 });
            audit.Record(order.Email, "order.paid", "order", order.Id.ToString(), new { Before = nameof(OrderStatus.AwaitingPayment), After = nameof(OrderStatus.Paid) });
            outbox.Add(new OrderPaid(order.Id, order.Number, order.Email, order.TotalMinor, order.Currency));
        }
        else
        {
            var reason = card.Approved ? $"Order #{order.Number} is {order.Status} and takes no payment." : card.DeclineReason!;
            payment.Decline(card.Last4, reason, now);
            audit.Record(order.Email, "payment.declined", "payment", payment.Id.ToString(), new { OrderId = order.Id, Reason = reason });
            outbox.Add(new PaymentFailed(order.Id, payment.Id, order.Number, order.Email, reason));
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToView(payment, order.Number);
    }

    private async Task ClearCartAsync(Order order, CancellationToken ct)
    {
        if (order.CartId is not { } cartId)
        {
            return;
        }

        // Only if the cart is still what was ordered: lines added after checkout stay for the shopper.
        var cart = await db.Carts.Include(c => c.Items).FirstOrDefaultAsync(c => c.Id == cartId, ct);
        if (cart is not null && cart.UpdatedAt == order.CartVersion)
        {
            cart.Clear(clock.UtcNow);
        }
    }

    private static PaymentView ToView(Payment p, long orderNumber) =>
        new(p.Id, p.OrderId, orderNumber, p.Status, p.AmountMinor, p.Currency, p.FailureReason);
}
