using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Domain.Ordering;
using Store.Domain.Ordering.Events;
using Store.Domain.Payments;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;
using Store.Infrastructure.Data.Configurations;
using Store.Infrastructure.Inventory;

namespace Store.Infrastructure.Payments;

public sealed record PaymentView(Guid Id, Guid OrderId, long OrderNumber, PaymentStatus Status, long AmountMinor, string Currency, string? FailureReason, string RedirectUrl)
{
    /// <summary>Who takes the payment: "test" (the built-in provider) or "stripe".</summary>
    public string Provider { get; init; } = TestPaymentGateway.Name;
}

/// <summary>
/// Payments through a provider's hosted page: the store creates a payment, sends the shopper to the provider's page
/// (the built-in test provider's, or Stripe Checkout), and the provider reports the outcome — the test page in
/// process, Stripe by webhook or when reconciliation asks. Whatever the path, one piece of code marks an order
/// paid (<see cref="MarkPaidAsync"/>), under row locks taken payment first, then order.
/// </summary>
public sealed class PaymentService(
    StoreDbContext db,
    InventoryService inventory,
    AuditLog audit,
    Outbox.Outbox outbox,
    PaymentGateways gateways,
    IOptions<PaymentOptions> options,
    IClock clock)
{
    public const string TestProvider = TestPaymentGateway.Name;
    public const string Actor = "payments";

    /// <summary>How long a card authorisation is good for at Stripe: held stock waits that long for staff to capture.</summary>
    private static readonly TimeSpan AuthorisationLifetime = TimeSpan.FromDays(7);

    /// <summary>After a provider's page closes, its last webhook may still be on the way.</summary>
    private static readonly TimeSpan WebhookGrace = TimeSpan.FromMinutes(5);

    /// <summary>Starts a payment for an unpaid order, or returns the one already waiting for the shopper.</summary>
    public Task<Result<PaymentView>> StartAsync(Guid orderId, string? customerId, CancellationToken ct = default) =>
        StartAsync(orderId, customerId, null, ct);

    /// <summary>
    /// Starts a payment with the method the shopper chose (one of <see cref="PaymentGateways.Offered"/>), or returns
    /// the one already waiting with that method. Without a method, the method of the payment already waiting (when
    /// still offered) or else the first offered; a method not offered is refused and nothing is written.
    /// </summary>
    public Task<Result<PaymentView>> StartAsync(Guid orderId, string? customerId, string? method, CancellationToken ct = default) =>
        db.RetriableAsync(token => StartOnceAsync(orderId, customerId, method, token), ct);

    /// <summary>The payment methods shoppers choose from now, in the owner's order.</summary>
    public IReadOnlyList<string> OfferedMethods() => gateways.Offered;

    private async Task<Result<PaymentView>> StartOnceAsync(Guid orderId, string? customerId, string? method, CancellationToken ct)
    {
        var chosen = gateways.ForNewPayment(method);
        if (!chosen.IsSuccess)
        {
            return chosen.Error!;
        }

        var gateway = chosen.Value;
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

        if (string.IsNullOrWhiteSpace(method))
        {
            // Resuming (the shopper came back from a provider's page): the attempt already waiting, not a second one elsewhere.
            var offered = gateways.Offered;
            var waiting = await db.Payments.Where(p => p.OrderId == orderId && p.Status == PaymentStatus.Pending && offered.Contains(p.Provider))
                .OrderByDescending(p => p.CreatedAt).Select(p => p.Provider).FirstOrDefaultAsync(ct);
            gateway = waiting is null ? gateway : gateways.For(waiting);
        }

        var holdUntil = (DateTimeOffset?)null;
        var pending = await db.Payments.FirstOrDefaultAsync(p => p.OrderId == orderId && p.Status == PaymentStatus.Pending && p.Provider == gateway.Provider, ct);
        if (pending is null)
        {
            pending = new Payment(Guid.NewGuid(), order.Id, gateway.Provider, order.TotalMinor, order.Currency, clock.UtcNow);

            // Under the order's lock, so two tabs never open two provider pages for one order; the call's
            // idempotency key makes a retried create return the same page.
            var page = await gateway.CreatePageAsync(new PaymentPageRequest(pending.Id, order.Id, order.Number, order.Email, pending.AmountMinor, pending.Currency), ct);
            if (!page.IsSuccess)
            {
                return page.Error!;
            }

            pending.AttachHostedPage(page.Value.ProviderReference, page.Value.RedirectUrl);
            holdUntil = page.Value.ExpiresAt + WebhookGrace;
            db.Payments.Add(pending);
            audit.Record(order.Email, "payment.started", "payment", pending.Id.ToString(), new { OrderId = order.Id, pending.AmountMinor, pending.Provider });
        }

        // The shopper is now on the provider's page: a slow but successful payment must still find its stock,
        // for as long as the provider keeps the page open.
        await inventory.ExtendReservationsAsync(order.Id, holdUntil, ct);
        await db.SaveChangesAsync(ct);

        await tx.CommitAsync(ct);
        return ToView(pending, order.Number);
    }

    public async Task<PaymentView?> FindAsync(Guid paymentId, CancellationToken ct = default) =>
        await db.Payments.AsNoTracking()
            .Where(p => p.Id == paymentId)
            .Join(db.Orders, p => p.OrderId, o => o.Id, (p, o) => new { Payment = p, o.Number })
            .Select(x => ToView(x.Payment, x.Number))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The test provider's verdict on card details entered on its hosted page. A payment completes once: a
    /// replay (refresh, double submit, concurrent posts) returns the first outcome and changes nothing.
    /// </summary>
    public Task<Result<PaymentView>> CompleteTestPaymentAsync(Guid paymentId, string? cardNumber, string? expiry, string? cvc, CancellationToken ct = default) =>
        db.RetriableAsync(token => CompleteTestPaymentOnceAsync(paymentId, cardNumber, expiry, cvc, token), ct);

    private async Task<Result<PaymentView>> CompleteTestPaymentOnceAsync(Guid paymentId, string? cardNumber, string? expiry, string? cvc, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await LockAsync(paymentId, ct) is not var (payment, order))
        {
            return DomainError.NotFound("payment.unknown", "No such payment.");
        }

        if (payment.Status != PaymentStatus.Pending || payment.Provider != TestProvider)
        {
            return ToView(payment, order.Number);
        }

        var verdict = TestCard.Evaluate(cardNumber, expiry, cvc, clock.UtcNow);
        if (!verdict.IsSuccess)
        {
            return verdict.Error!;
        }

        var card = verdict.Value;
        if (card.Approved && order.Status == OrderStatus.AwaitingPayment)
        {
            await MarkPaidAsync(payment, order, card.Last4, order.Email, ct);
        }
        else
        {
            Decline(payment, order, card.Last4, card.Approved ? $"Order #{order.Number} is {order.Status} and takes no payment." : card.DeclineReason!, order.Email);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToView(payment, order.Number);
    }

    /// <summary>
    /// Brings a payment in line with the provider's record of its money, as it is now (not as an event said it was,
    /// so events may come in any order, twice, or not at all). Held money is captured if the order can still be
    /// filled (and the shop captures on payment, or <paramref name="capture"/>); captured money completes the order
    /// through the same code as the test provider; money for an order that is gone (expired, cancelled, paid by
    /// another attempt) is released or refunded, never kept. With <paramref name="receipt"/>, the webhook event is
    /// recorded in the same transaction, and an event already recorded changes nothing.
    /// </summary>
    public async Task<Result<PaymentSyncOutcome>> SyncWithProviderAsync(
        Guid paymentId, string? providerPaymentId, string actor, ProcessedWebhookEvent? receipt = null, bool capture = false, CancellationToken ct = default) =>
        await RunLockedAsync(paymentId, receipt, async (payment, order) =>
        {
            if (providerPaymentId is not null)
            {
                payment.LinkProviderPayment(providerPaymentId);
            }

            if (payment.ProviderPaymentId is null)
            {
                return PaymentSyncOutcome.Unchanged;
            }

            var gateway = gateways.For(payment.Provider);

            // Asked while holding the payment's lock: another delivery of news about this payment waits here and
            // then finds it settled. The provider calls below are idempotent, so a rollback and retry is safe.
            var state = await gateway.GetAsync(payment.ProviderPaymentId, ct);
            if (!state.IsSuccess)
            {
                return state.Error!;
            }

            return await ApplyAsync(gateway, payment, order, state.Value, actor, capture, ct);
        }, ct);

    /// <summary>
    /// The shopper is back from a provider's page (PayPal's return_url, which carries the provider's order as
    /// "token"): the payment is settled at once on the webhook's path rather than waiting for the webhook. Returns
    /// the order to show; a reference that is not the payment's own changes nothing.
    /// </summary>
    public async Task<Result<Guid>> ReturnFromProviderAsync(Guid paymentId, string provider, string? providerReference, CancellationToken ct = default)
    {
        var payment = await db.Payments.AsNoTracking()
            .Where(p => p.Id == paymentId && p.Provider == provider)
            .Select(p => new { p.OrderId, p.ProviderReference })
            .FirstOrDefaultAsync(ct);
        if (payment?.ProviderReference is null || payment.ProviderReference != providerReference)
        {
            return DomainError.NotFound("payment.unknown", "No such payment.");
        }

        var synced = await SyncWithProviderAsync(paymentId, payment.ProviderReference, Actor, ct: ct);
        return synced.IsSuccess || synced.Error!.Kind == ErrorKind.Unavailable ? payment.OrderId : synced.Error!;
    }

    /// <summary>The provider closed its page unpaid (Stripe's checkout.session.expired): the attempt is over.</summary>
    public async Task<Result<PaymentSyncOutcome>> ExpirePageAsync(Guid paymentId, ProcessedWebhookEvent? receipt = null, CancellationToken ct = default) =>
        await RunLockedAsync(paymentId, receipt, (payment, order) => Task.FromResult<Result<PaymentSyncOutcome>>(
            payment.Status == PaymentStatus.Pending
                ? Decline(payment, order, null, "The payment page expired before the payment was made.", Actor)
                : PaymentSyncOutcome.Unchanged), ct);

    /// <summary>Staff capture of money held for an order (when the shop does not capture on payment).</summary>
    public async Task<Result<PaymentSyncOutcome>> CaptureAsync(Guid orderId, string actor, CancellationToken ct = default)
    {
        var paymentId = await db.Payments.AsNoTracking()
            .Where(p => p.OrderId == orderId && p.Status == PaymentStatus.Authorised)
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(ct);
        return paymentId is null
            ? DomainError.Conflict("payment.not-authorised", "This order has no held payment to capture.")
            : await SyncWithProviderAsync(paymentId.Value, null, actor, capture: true, ct: ct);
    }

    /// <summary>Whether a webhook event was handled before: a redelivery is then answered without asking the provider.</summary>
    public async Task<bool> IsHandledAsync(string provider, string eventId, CancellationToken ct = default) =>
        await db.ProcessedWebhookEvents.AsNoTracking().AnyAsync(e => e.Provider == provider && e.EventId == eventId, ct);

    private async Task<Result<PaymentSyncOutcome>> ApplyAsync(
        IPaymentGateway gateway, Payment payment, Order order, ProviderPayment state, string actor, bool capture, CancellationToken ct)
    {
        if (payment.Status is PaymentStatus.Succeeded or PaymentStatus.Voided)
        {
            // Settled: a late "authorised" after "succeeded", or news about money already given back.
            return PaymentSyncOutcome.Unchanged;
        }

        if (state.AmountMinor != payment.AmountMinor || !string.Equals(state.Currency, payment.Currency, StringComparison.OrdinalIgnoreCase))
        {
            return state.Status is ProviderPaymentStatus.Authorised or ProviderPaymentStatus.Succeeded
                ? await GiveBackAsync(gateway, payment, order, state, $"The provider's amount ({state.AmountMinor} {state.Currency}) is not the order's.", actor, ct)
                : PaymentSyncOutcome.Unchanged;
        }

        var sellable = await SellableAsync(order, ct);
        switch (state.Status)
        {
            case ProviderPaymentStatus.Succeeded when sellable:
                await MarkPaidAsync(payment, order, null, actor, ct);
                return PaymentSyncOutcome.Completed;

            case ProviderPaymentStatus.Succeeded:
            case ProviderPaymentStatus.Authorised when !sellable:
                return await GiveBackAsync(gateway, payment, order, state, WhyNotSellable(order), actor, ct);

            case ProviderPaymentStatus.Authorised when capture || options.Value.Stripe.CaptureOnPayment:
                var captured = await gateway.CaptureAsync(payment, ct);
                if (!captured.IsSuccess)
                {
                    return captured.Error!;
                }

                return await ApplyAsync(gateway, payment, order, captured.Value, actor, capture: false, ct);

            case ProviderPaymentStatus.Authorised when payment.Status != PaymentStatus.Authorised:
                payment.Authorise(clock.UtcNow);
                await inventory.ExtendReservationsAsync(order.Id, clock.UtcNow + AuthorisationLifetime, ct);
                audit.Record(actor, "payment.authorised", "payment", payment.Id.ToString(), new { OrderId = order.Id, payment.AmountMinor, payment.Provider, ProviderPaymentId = state.Id });
                return PaymentSyncOutcome.Authorised;

            case ProviderPaymentStatus.Failed or ProviderPaymentStatus.Cancelled when payment.Status is PaymentStatus.Pending or PaymentStatus.Authorised:
                var reason = state.Status == ProviderPaymentStatus.Cancelled ? "The payment was cancelled." : state.FailureReason ?? "The card was declined.";
                return Decline(payment, order, null, reason, actor);

            default:
                return PaymentSyncOutcome.Unchanged;
        }
    }

    /// <summary>
    /// Money without stock must never happen: held money is released, captured money refunded, and the payment
    /// records why. The provider is called under the rows' locks so that nothing else settles this payment
    /// meanwhile; if it fails, nothing is saved and the caller (webhook retry, reconciliation) tries again with the
    /// same idempotency key.
    /// </summary>
    private async Task<Result<PaymentSyncOutcome>> GiveBackAsync(
        IPaymentGateway gateway, Payment payment, Order order, ProviderPayment state, string why, string actor, CancellationToken ct)
    {
        string? refundId = null;
        if (state.Status == ProviderPaymentStatus.Succeeded)
        {
            var refunded = await gateway.RefundAsync(payment, "void", state.AmountMinor, ct);
            if (!refunded.IsSuccess)
            {
                return refunded.Error!;
            }

            refundId = refunded.Value;
        }
        else
        {
            var released = await gateway.CancelAsync(payment, ct);
            if (!released.IsSuccess)
            {
                return released.Error!;
            }
        }

        var reason = $"{why} The {(refundId is null ? "held money was released" : "charge was refunded")}.";
        payment.Void(reason, clock.UtcNow);
        audit.Record(actor, "payment.voided", "payment", payment.Id.ToString(), new
        {
            OrderId = order.Id,
            OrderStatus = order.Status.ToString(),
            payment.Provider,
            ProviderPaymentId = state.Id,
            state.AmountMinor,
            Refund = refundId,
            Reason = reason,
        });
        return PaymentSyncOutcome.Voided;
    }

    /// <summary>The one way an order becomes paid: payment, order, stock, cart, audit and event together.</summary>
    private async Task MarkPaidAsync(Payment payment, Order order, string? cardLast4, string auditActor, CancellationToken ct)
    {
        var now = clock.UtcNow;
        payment.Succeed(cardLast4, now);
        order.MarkPaid(Actor, now);
        await inventory.CommitAsync(order.Id, Actor, ct);
        await ClearCartAsync(order, ct);
        audit.Record(auditActor, "payment.succeeded", "payment", payment.Id.ToString(), new
        {
            OrderId = order.Id,
            payment.AmountMinor,
            payment.Provider,
            payment.ProviderPaymentId,
            Card = cardLast4 is null ? null : "•••• " + cardLast4,
        });
        audit.Record(auditActor, "order.paid", "order", order.Id.ToString(), new { Before = nameof(OrderStatus.AwaitingPayment), After = nameof(OrderStatus.Paid) });
        outbox.Add(new OrderPaid(order.Id, order.Number, order.Email, order.TotalMinor, order.Currency));
    }

    private PaymentSyncOutcome Decline(Payment payment, Order order, string? cardLast4, string reason, string auditActor)
    {
        payment.Decline(cardLast4, reason, clock.UtcNow);
        audit.Record(auditActor, "payment.declined", "payment", payment.Id.ToString(), new { OrderId = order.Id, Reason = reason });
        outbox.Add(new PaymentFailed(order.Id, payment.Id, order.Number, order.Email, reason));
        return PaymentSyncOutcome.Declined;
    }

    /// <summary>An unpaid order whose stock is still held: the reservation expiry takes the order's lock too, so it cannot slip away before commit.</summary>
    private async Task<bool> SellableAsync(Order order, CancellationToken ct) =>
        order.Status == OrderStatus.AwaitingPayment
        && await db.StockReservations.AnyAsync(r => r.OrderId == order.Id && r.Status == ReservationStatus.Active, ct);

    private static string WhyNotSellable(Order order) => order.Status switch
    {
        OrderStatus.AwaitingPayment => $"Order #{order.Number} no longer holds its stock.",
        OrderStatus.Cancelled => $"Order #{order.Number} was cancelled (or expired unpaid) before the payment arrived.",
        _ => $"Order #{order.Number} is already {order.Status}.",
    };

    /// <summary>
    /// The store's payment behind a provider's payment id (a Stripe PaymentIntent), for news that names only that
    /// (refunds, disputes). If no payment is linked to it yet (its own webhook is late), the provider is asked for
    /// the payment's metadata, where the store put its payment id.
    /// </summary>
    public async Task<Result<Guid?>> FindByProviderPaymentAsync(string provider, string providerPaymentId, CancellationToken ct = default)
    {
        var local = await db.Payments.AsNoTracking()
            .Where(p => p.Provider == provider && p.ProviderPaymentId == providerPaymentId)
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(ct);
        if (local is not null)
        {
            return local;
        }

        var state = await gateways.For(provider).GetAsync(providerPaymentId, ct);
        if (!state.IsSuccess)
        {
            return state.Error!;
        }

        return state.Value.PaymentId is { } id && await db.Payments.AnyAsync(p => p.Id == id && p.Provider == provider, ct) ? id : (Guid?)null;
    }

    /// <summary>
    /// Runs a change under the payment's and the order's row locks (payment first, the order every payment path
    /// takes), with the webhook event recorded in the same transaction; a failed change saves nothing.
    /// </summary>
    internal Task<Result<PaymentSyncOutcome>> RunLockedAsync(
        Guid paymentId, ProcessedWebhookEvent? receipt, Func<Payment, Order, Task<Result<PaymentSyncOutcome>>> change, CancellationToken ct) =>
        db.RetriableAsync(token => RunLockedOnceAsync(paymentId, receipt, change, token), ct);

    private async Task<Result<PaymentSyncOutcome>> RunLockedOnceAsync(
        Guid paymentId, ProcessedWebhookEvent? receipt, Func<Payment, Order, Task<Result<PaymentSyncOutcome>>> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (receipt is not null && !await RecordReceiptAsync(receipt, ct))
        {
            return PaymentSyncOutcome.Duplicate;
        }

        var result = await LockAsync(paymentId, ct) is var (payment, order)
            ? await change(payment, order)
            : PaymentSyncOutcome.Unchanged;
        if (!result.IsSuccess)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return result;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Inserts the event's row first: a concurrent delivery of the same event waits on the primary key until this
    /// transaction ends, then fails and is answered as a duplicate; a rollback removes the row, so Stripe's retry is handled.
    /// </summary>
    private async Task<bool> RecordReceiptAsync(ProcessedWebhookEvent receipt, CancellationToken ct)
    {
        db.ProcessedWebhookEvents.Add(receipt);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Row locks, payment then order, serialise every completion of a payment and every change to its order.</summary>
    private async Task<(Payment Payment, Order Order)?> LockAsync(Guid paymentId, CancellationToken ct)
    {
        // The payment is locked and read in one round trip. The order cannot be: EF reads an owned address's
        // columns from raw SQL by the wrong names, so it is locked, then read.
        var payment = await db.Payments.FromSql($"SELECT * FROM payments WHERE id = {paymentId} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (payment is null)
        {
            return null;
        }

        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {payment.OrderId} FOR UPDATE", ct);
        var order = await db.Orders.Include(o => o.Items).FirstAsync(o => o.Id == payment.OrderId, ct);
        return (payment, order);
    }

    private async Task ClearCartAsync(Order order, CancellationToken ct)
    {
        if (order.CartId is not { } cartId)
        {
            return;
        }

        // Only if the cart is still what was ordered: lines added after checkout stay for the shopper. One statement,
        // not a read and two writes; as Cart.Clear, the lines go and the codes stay. The cart row's update waits for,
        // or makes wait, a concurrent change to the cart.
        var now = clock.UtcNow;
        await db.Database.ExecuteSqlAsync(
            $"""
            WITH cleared AS (UPDATE carts SET updated_at = {now} WHERE id = {cartId} AND updated_at = {order.CartVersion} RETURNING id)
            DELETE FROM cart_items WHERE cart_id IN (SELECT id FROM cleared)
            """,
            ct);
    }

    private static PaymentView ToView(Payment p, long orderNumber) =>
        new(p.Id, p.OrderId, orderNumber, p.Status, p.AmountMinor, p.Currency, p.FailureReason, p.RedirectUrl ?? $"/pay/test/{p.Id}") { Provider = p.Provider };
}
