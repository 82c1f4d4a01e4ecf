using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Payments;

public class PaymentReconciliationTests(StripeFixture stripe) : IClassFixture<StripeFixture>
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    [Fact]
    public async Task Reconcile_WhenTheStoreCrashedBetweenChargeAndCommit_CompletesTheOrderOnceThroughThePaymentFlow()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 0, units: 4, quantity: 2);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        stripe.Stripe.CaptureDirectly(intentId);

        var findings = await ReconcileAsync();
        var again = await ReconcileAsync();

        var finding = Assert.Single(findings, f => f.PaymentId == s.PaymentId);
        Assert.Equal("charge-without-paid-order", finding.Check);
        Assert.NotNull(finding.Repair);
        Assert.DoesNotContain(again, f => f.PaymentId == s.PaymentId);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        Assert.Equal(PaymentStatus.Succeeded, (await StripeScenario.PaymentAsync(stripe, s.PaymentId)).Status);
        Assert.Equal((2, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(stripe, "order.paid", s.Order.OrderId));
        Assert.Equal(1, stripe.Stripe.CapturesOf(intentId));
        await AssertAuditedAndIntactAsync(s.PaymentId, "payment.succeeded");
    }

    [Fact]
    public async Task Reconcile_WhenTheAuthorisationWebhookWasLost_CapturesWithItsKeyAndCompletesTheOrder()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 1);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);

        await ReconcileAsync();

        Assert.Equal(1, stripe.Stripe.CapturesOf(intentId));
        Assert.Equal($"order:{s.Order.OrderId}:payment:{s.PaymentId}:capture", stripe.Stripe.Calls.Single(c => c.Path == $"/v1/payment_intents/{intentId}/capture").IdempotencyKey);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
    }

    [Fact]
    public async Task Reconcile_WhenTheOrderExpiredAfterTheShopperWasCharged_RefundsTheChargeAndSellsNothing()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 2, units: 3, quantity: 3);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        stripe.Stripe.CaptureDirectly(intentId);
        await StripeScenario.ExpireAsync(stripe, s.Order.OrderId);

        var findings = await ReconcileAsync();

        Assert.Contains(findings, f => f.PaymentId == s.PaymentId && f.Check == "charge-without-paid-order" && f.Repair is not null);
        Assert.Equal(s.Order.TotalMinor, (long)Assert.Single(stripe.Stripe.RefundsOf(intentId))["amount"]!);
        Assert.Equal(PaymentStatus.Voided, (await StripeScenario.PaymentAsync(stripe, s.PaymentId)).Status);
        Assert.Equal(OrderStatus.Cancelled, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        Assert.Equal((3, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
        await AssertAuditedAndIntactAsync(s.PaymentId, "payment.voided");
    }

    [Fact]
    public async Task Reconcile_WhenTheOrderExpiredWhileTheMoneyWasOnlyHeld_ReleasesTheHold()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 3);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        await StripeScenario.ExpireAsync(stripe, s.Order.OrderId);

        await ReconcileAsync();

        Assert.Equal("canceled", (string?)stripe.Stripe.Intent(intentId)["status"]);
        Assert.Equal(0, stripe.Stripe.CapturesOf(intentId));
        Assert.Equal(PaymentStatus.Voided, (await StripeScenario.PaymentAsync(stripe, s.PaymentId)).Status);
    }

    [Fact]
    public async Task Reconcile_WhenAPaidOrderHasNoChargeAtStripe_ReportsItAndLeavesItForStaff()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 4);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        await using (var scope = stripe.Scope())
        {
            Assert.Equal(PaymentSyncOutcome.Completed, (await stripe.Get<PaymentService>(scope).SyncWithProviderAsync(s.PaymentId, intentId, PaymentService.Actor)).Value);
        }

        stripe.Stripe.SetIntentStatus(intentId, "canceled");
        var findings = await ReconcileAsync();

        var finding = Assert.Single(findings, f => f.PaymentId == s.PaymentId);
        Assert.Equal("paid-order-without-charge", finding.Check);
        Assert.Null(finding.Repair);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
    }

    [Fact]
    public async Task Reconcile_WhenADashboardRefundsWebhookWasLost_RecordsItOnTheOrderOnce()
    {
        var (s, intentId) = await PaidAsync(skip: 5);
        var refundId = stripe.Stripe.RefundInDashboard(intentId, 400);

        var findings = await ReconcileAsync();
        var again = await ReconcileAsync();

        var finding = Assert.Single(findings, f => f.PaymentId == s.PaymentId);
        Assert.Equal("refund-not-in-store", finding.Check);
        Assert.Contains(refundId, finding.Detail);
        Assert.NotNull(finding.Repair);
        Assert.DoesNotContain(again, f => f.PaymentId == s.PaymentId);
        var order = await StripeScenario.OrderAsync(stripe, s.Order.OrderId);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(400, order.RefundedMinor);
        await using var scope = stripe.Scope();
        var refund = await stripe.Get<StoreDbContext>(scope).Refunds.AsNoTracking().SingleAsync(r => r.OrderId == s.Order.OrderId);
        Assert.Equal(refundId, refund.ProviderReference);
        Assert.Equal(PaymentReconciliationService.Actor, refund.Actor);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
        Assert.Empty(await stripe.Get<IntegrityMonitor>(scope).CheckAsync());
    }

    [Fact]
    public async Task Reconcile_WhenTheStoreHasARefundStripeDoesNotKnow_FlagsItForStaffAndChangesNothing()
    {
        var (s, intentId) = await PaidAsync(skip: 6);
        await using (var scope = stripe.Scope())
        {
            var refunded = await stripe.Get<Store.Infrastructure.Ordering.OrderAdminService>(scope).RefundAsync(s.Order.OrderId, 300, "Goodwill", restock: false, "staff@store.local");
            Assert.True(refunded.IsSuccess, refunded.Error?.Message);
        }

        var refundId = (string)Assert.Single(stripe.Stripe.RefundsOf(intentId))["id"]!;
        var before = await ReconcileAsync();
        stripe.Stripe.ForgetRefund(refundId);

        var findings = await ReconcileAsync();

        Assert.DoesNotContain(before, f => f.PaymentId == s.PaymentId);
        var finding = Assert.Single(findings, f => f.PaymentId == s.PaymentId);
        Assert.Equal("refund-unknown-to-provider", finding.Check);
        Assert.Contains(refundId, finding.Detail);
        Assert.Null(finding.Repair);
        var order = await StripeScenario.OrderAsync(stripe, s.Order.OrderId);
        Assert.Equal((OrderStatus.PartiallyRefunded, 300L), (order.Status, order.RefundedMinor));
    }

    private async Task<(StripeScenario.StripeOrder Order, string IntentId)> PaidAsync(int skip)
    {
        var s = await StripeScenario.StartedAsync(stripe, skip, units: 5);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        await using var scope = stripe.Scope();
        Assert.Equal(PaymentSyncOutcome.Completed, (await stripe.Get<PaymentService>(scope).SyncWithProviderAsync(s.PaymentId, intentId, PaymentService.Actor)).Value);
        return (s, intentId);
    }

    private async Task<IReadOnlyList<ReconciliationFinding>> ReconcileAsync()
    {
        await using var scope = stripe.Scope();
        return await stripe.Get<PaymentReconciliationService>(scope).ReconcileAsync(Window);
    }

    private async Task AssertAuditedAndIntactAsync(Guid paymentId, string action)
    {
        await using var scope = stripe.Scope();
        var entries = await stripe.Get<StoreDbContext>(scope).AuditLog.AsNoTracking().Where(a => a.EntityId == paymentId.ToString()).ToListAsync();
        Assert.Contains(entries, a => a.Action == action && a.Actor == PaymentReconciliationService.Actor);
        Assert.Contains(entries, a => a.Action == "payment.reconciled");
        Assert.Empty(await stripe.Get<IntegrityMonitor>(scope).CheckAsync());
    }
}
