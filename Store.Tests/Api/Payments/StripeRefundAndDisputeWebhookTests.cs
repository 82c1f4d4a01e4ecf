using Microsoft.EntityFrameworkCore;
using Store.Domain.Inventory;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Data;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Api.Payments;

public class StripeRefundAndDisputeWebhookTests(StripeFixture stripe) : IClassFixture<StripeFixture>
{
    [Fact]
    public async Task Webhook_WhenADashboardRefundArrivesTwiceAndOutOfOrder_RecordsItOnceWithoutRestocking()
    {
        var (s, intentId) = await PaidAsync(skip: 20, units: 5, quantity: 2);
        var refundId = stripe.Stripe.RefundInDashboard(intentId, 500);
        var created = stripe.Stripe.Event("refund.created", stripe.Stripe.Refund(refundId));
        var charge = stripe.Stripe.Event("charge.refunded", stripe.Stripe.Charge(intentId));

        await StripeScenario.DeliverAsync(stripe, charge);
        await StripeScenario.DeliverAsync(stripe, created);
        await StripeScenario.DeliverAsync(stripe, charge);
        await StripeScenario.DeliverAsync(stripe, created);

        var refund = Assert.Single(await RefundsAsync(s.Order.OrderId));
        Assert.Equal(refundId, refund.ProviderReference);
        Assert.Equal(500, refund.AmountMinor);
        Assert.Equal(StripeWebhookService.Actor, refund.Actor);
        var order = await OrderWithHistoryAsync(s.Order.OrderId);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(500, order.RefundedMinor);
        Assert.Single(order.History, h => h.To == OrderStatus.PartiallyRefunded);
        Assert.Equal((3, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
        Assert.False(await ReturnedToStockAsync(s.Order.OrderId));
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(stripe, "order.refunded", s.Order.OrderId));
    }

    [Fact]
    public async Task Webhook_WhenTheRestIsRefundedInTheDashboard_MakesTheOrderRefundedOnce()
    {
        var (s, intentId) = await PaidAsync(skip: 21);
        var first = stripe.Stripe.RefundInDashboard(intentId, 100);
        var second = stripe.Stripe.RefundInDashboard(intentId, s.Order.TotalMinor - 100);
        var events = new[]
        {
            stripe.Stripe.Event("refund.updated", stripe.Stripe.Refund(second)),
            stripe.Stripe.Event("refund.created", stripe.Stripe.Refund(first)),
            stripe.Stripe.Event("charge.refunded", stripe.Stripe.Charge(intentId)),
        };

        var responses = await Task.WhenAll(events.Concat(events).Select(json => StripeScenario.PostWebhookAsync(stripe, json)));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        Assert.Equal([first, second], (await RefundsAsync(s.Order.OrderId)).Select(r => r.ProviderReference).Order());
        var order = await OrderWithHistoryAsync(s.Order.OrderId);
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(s.Order.TotalMinor, order.RefundedMinor);
        Assert.Single(order.History, h => h.To == OrderStatus.Refunded);
        Assert.Equal(2, await StripeScenario.OutboxCountAsync(stripe, "order.refunded", s.Order.OrderId));
    }

    [Fact]
    public async Task Webhook_WhenTheRefundNewsOvertakesThePaymentNews_PaysTheOrderThenRecordsTheRefund()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 22, units: 3);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        stripe.Stripe.CaptureDirectly(intentId);
        var refundId = stripe.Stripe.RefundInDashboard(intentId, 250);

        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("refund.created", stripe.Stripe.Refund(refundId)));
        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("payment_intent.succeeded", stripe.Stripe.Intent(intentId)));

        Assert.Equal(PaymentStatus.Succeeded, (await StripeScenario.PaymentAsync(stripe, s.PaymentId)).Status);
        var order = await StripeScenario.OrderAsync(stripe, s.Order.OrderId);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(250, order.RefundedMinor);
        Assert.Equal((2, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(stripe, "order.paid", s.Order.OrderId));
    }

    [Fact]
    public async Task Webhook_ForARefundStaffMadeInTheStore_RecordsNothingMore()
    {
        var (s, intentId) = await PaidAsync(skip: 23);
        await using (var scope = stripe.Scope())
        {
            var refunded = await stripe.Get<OrderAdminService>(scope).RefundAsync(s.Order.OrderId, 300, "Late delivery", restock: false, "staff@store.local");
            Assert.True(refunded.IsSuccess, refunded.Error?.Message);
        }

        var refundId = (string)Assert.Single(stripe.Stripe.RefundsOf(intentId))["id"]!;
        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("refund.created", stripe.Stripe.Refund(refundId)));
        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("charge.refunded", stripe.Stripe.Charge(intentId)));

        var refund = Assert.Single(await RefundsAsync(s.Order.OrderId));
        Assert.Equal("staff@store.local", refund.Actor);
        Assert.Equal(300, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).RefundedMinor);
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(stripe, "order.refunded", s.Order.OrderId));
    }

    [Fact]
    public async Task Webhook_WhenDisputeEventsArriveTwiceAndOutOfOrder_RecordsOpeningAndOutcomeOnceAndTellsStaff()
    {
        var (s, intentId) = await PaidAsync(skip: 24);
        var disputeId = stripe.Stripe.OpenDispute(intentId, "product_not_received");
        var opened = stripe.Stripe.Event("charge.dispute.created", stripe.Stripe.Dispute(disputeId));
        stripe.Stripe.CloseDispute(disputeId, won: false);
        var closed = stripe.Stripe.Event("charge.dispute.closed", stripe.Stripe.Dispute(disputeId));

        await StripeScenario.DeliverAsync(stripe, closed);
        await StripeScenario.DeliverAsync(stripe, opened);
        await StripeScenario.DeliverAsync(stripe, closed);
        await StripeScenario.DeliverAsync(stripe, opened);

        await using var scope = stripe.Scope();
        var dispute = Assert.Single(await stripe.Get<StoreDbContext>(scope).PaymentDisputes.AsNoTracking().Where(d => d.OrderId == s.Order.OrderId).ToListAsync());
        Assert.Equal(disputeId, dispute.ProviderReference);
        Assert.Equal(s.PaymentId, dispute.PaymentId);
        Assert.Equal(DisputeStatus.Lost, dispute.Status);
        Assert.Equal("product_not_received", dispute.Reason);
        Assert.Equal(s.Order.TotalMinor, dispute.AmountMinor);
        var detail = (await stripe.Get<OrderQueries>(scope).DetailAsync(s.Order.OrderId))!;
        Assert.Equal(OrderStatus.Paid, detail.Status);
        Assert.Single(detail.Timeline, t => t.Note == $"Dispute {disputeId} opened (product_not_received): {new Store.Domain.Common.Money(s.Order.TotalMinor, "USD")} disputed" && t.Actor == StripeWebhookService.Actor);
        Assert.Single(detail.Timeline, t => t.Note == $"Dispute {disputeId} lost");
        Assert.Equal(DisputeStatus.Lost, Assert.Single(detail.Disputes).Status);
        Assert.Equal(2, await StripeScenario.OutboxCountAsync(stripe, "payment.disputed", s.Order.OrderId));
    }

    [Fact]
    public async Task Webhook_WhenADisputeIsWonAfterALateOpening_StaysWon()
    {
        var (s, intentId) = await PaidAsync(skip: 25);
        var disputeId = stripe.Stripe.OpenDispute(intentId);
        var opened = stripe.Stripe.Event("charge.dispute.created", stripe.Stripe.Dispute(disputeId));
        stripe.Stripe.CloseDispute(disputeId, won: true);

        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("charge.dispute.closed", stripe.Stripe.Dispute(disputeId)));
        await StripeScenario.DeliverAsync(stripe, opened);

        await using var scope = stripe.Scope();
        var dispute = await stripe.Get<StoreDbContext>(scope).PaymentDisputes.AsNoTracking().SingleAsync(d => d.ProviderReference == disputeId);
        Assert.Equal(DisputeStatus.Won, dispute.Status);
        Assert.NotNull(dispute.ClosedAt);
    }

    private async Task<(StripeScenario.StripeOrder Order, string IntentId)> PaidAsync(int skip, int units = 5, int quantity = 1)
    {
        var s = await StripeScenario.StartedAsync(stripe, skip, units, quantity);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("checkout.session.completed", stripe.Stripe.Session(s.SessionId)));
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        return (s, intentId);
    }

    private async Task<List<Refund>> RefundsAsync(Guid orderId)
    {
        await using var scope = stripe.Scope();
        return await stripe.Get<StoreDbContext>(scope).Refunds.AsNoTracking().Where(r => r.OrderId == orderId).ToListAsync();
    }

    private async Task<Order> OrderWithHistoryAsync(Guid orderId)
    {
        await using var scope = stripe.Scope();
        return await stripe.Get<StoreDbContext>(scope).Orders.AsNoTracking().Include(o => o.History).SingleAsync(o => o.Id == orderId);
    }

    private async Task<bool> ReturnedToStockAsync(Guid orderId)
    {
        await using var scope = stripe.Scope();
        return await stripe.Get<StoreDbContext>(scope).StockMovements.AnyAsync(m => m.OrderId == orderId && m.Kind == MovementKind.Return);
    }
}
