using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Payments;

public class StripePaymentGatewayTests(StripeFixture stripe) : IClassFixture<StripeFixture>
{
    private const string Staff = "staff@store.local";

    [Fact]
    public async Task Start_WhenCalledTwice_ReusesTheSameCheckoutSessionAndHoldsTheStockWhileItIsOpen()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 0);

        await using var scope = stripe.Scope();
        var again = await stripe.Get<PaymentService>(scope).StartAsync(s.Order.OrderId, null);

        Assert.Equal(s.PaymentId, again.Value.Id);
        Assert.Single(stripe.Stripe.Calls, c => c.Path == "/v1/checkout/sessions" && c.Form["metadata[order_id]"] == s.Order.OrderId.ToString());
        var pageClosesAt = DateTimeOffset.FromUnixTimeSeconds((long)stripe.Stripe.Session(s.SessionId)["expires_at"]!);
        var heldUntil = await stripe.Get<StoreDbContext>(scope).StockReservations.Where(r => r.OrderId == s.Order.OrderId).MinAsync(r => r.ExpiresAt);
        Assert.True(heldUntil > pageClosesAt, $"Stock held until {heldUntil}, but Stripe's page stays open until {pageClosesAt}");
    }

    [Fact]
    public async Task Capture_WhenTheResponseIsLostAndTheCallRetried_ReusesItsKeyAndCapturesOnce()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 1);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        var gateway = await GatewayAsync();
        var payment = await StripeScenario.PaymentAsync(stripe, s.PaymentId);
        payment.LinkProviderPayment(intentId);
        stripe.Stripe.LoseNextResponse($"/v1/payment_intents/{intentId}/capture");

        var first = await gateway.CaptureAsync(payment, CancellationToken.None);
        var retried = await gateway.CaptureAsync(payment, CancellationToken.None);

        Assert.True(retried.IsSuccess, retried.Error?.Message);
        Assert.Equal(ProviderPaymentStatus.Succeeded, retried.Value.Status);
        Assert.True(first.IsSuccess || first.Error!.Kind == Store.Domain.Common.ErrorKind.Unavailable);
        var captures = stripe.Stripe.Calls.Where(c => c.Path == $"/v1/payment_intents/{intentId}/capture").ToList();
        Assert.True(captures.Count >= 2, "the lost call was retried");
        Assert.All(captures, c => Assert.Equal($"order:{s.Order.OrderId}:payment:{s.PaymentId}:capture", c.IdempotencyKey));
        Assert.Equal(1, stripe.Stripe.CapturesOf(intentId));
    }

    [Fact]
    public async Task Refund_WhenTheSameRefundIsRetried_ReusesItsKeyAndRefundsOnce()
    {
        var s = await PaidThroughStripeAsync(skip: 2);
        var gateway = await GatewayAsync();
        var payment = await StripeScenario.PaymentAsync(stripe, s.PaymentId);
        var refundId = Guid.NewGuid().ToString();
        stripe.Stripe.LoseNextResponse("/v1/refunds");

        await gateway.RefundAsync(payment, refundId, 500, CancellationToken.None);
        var retried = await gateway.RefundAsync(payment, refundId, 500, CancellationToken.None);

        Assert.True(retried.IsSuccess, retried.Error?.Message);
        var refund = Assert.Single(stripe.Stripe.RefundsOf(payment.ProviderPaymentId!));
        Assert.Equal((string?)refund["id"], retried.Value);
        Assert.All(stripe.Stripe.Calls.Where(c => c.Path == "/v1/refunds" && c.Form["payment_intent"] == payment.ProviderPaymentId),
            c => Assert.Equal($"order:{s.Order.OrderId}:payment:{s.PaymentId}:refund:{refundId}", c.IdempotencyKey));
    }

    [Fact]
    public async Task RefundOrder_OnAStripePayment_RefundsAtStripeAndRecordsItsRefundId()
    {
        var s = await PaidThroughStripeAsync(skip: 3);
        await using var scope = stripe.Scope();

        var result = await stripe.Get<OrderAdminService>(scope).RefundAsync(s.Order.OrderId, s.Order.TotalMinor, "Damaged", restock: true, Staff);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var payment = await StripeScenario.PaymentAsync(stripe, s.PaymentId);
        var atStripe = Assert.Single(stripe.Stripe.RefundsOf(payment.ProviderPaymentId!));
        var saved = await stripe.Get<StoreDbContext>(scope).Refunds.AsNoTracking().SingleAsync(r => r.OrderId == s.Order.OrderId);
        Assert.Equal((string?)atStripe["id"], saved.ProviderReference);
        Assert.Equal(s.Order.TotalMinor, (long)atStripe["amount"]!);
        Assert.Equal(OrderStatus.Refunded, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        Assert.Equal((5, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
        Assert.Empty(await stripe.Get<IntegrityMonitor>(scope).CheckAsync());
    }

    [Fact]
    public async Task RefundOrder_WhenStripeRefuses_ReturnsAnErrorAndChangesNothing()
    {
        var s = await PaidThroughStripeAsync(skip: 4);
        stripe.Stripe.FailNext("/v1/refunds", 402);
        await using var scope = stripe.Scope();

        var result = await stripe.Get<OrderAdminService>(scope).RefundAsync(s.Order.OrderId, 100, "Goodwill", restock: true, Staff);

        Assert.Equal("payment.provider", result.Error!.Code);
        var order = await StripeScenario.OrderAsync(stripe, s.Order.OrderId);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(0, order.RefundedMinor);
        Assert.False(await stripe.Get<StoreDbContext>(scope).Refunds.AnyAsync(r => r.OrderId == s.Order.OrderId));
        Assert.Equal((4, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
    }

    [Fact]
    public async Task RefundOrder_OnATestProviderPaymentMadeBeforeTheSwitchToStripe_RefundsThroughTheTestProvider()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(stripe, units: 5, skip: 20);
        var order = await StoreScenario.PlaceAsync(stripe, await StoreScenario.GuestCartWithAsync(stripe, variantId, 1));
        var paymentId = Guid.NewGuid();
        await using (var before = stripe.Scope())
        {
            var context = stripe.Get<StoreDbContext>(before);
            context.Payments.Add(new Payment(paymentId, order.OrderId, PaymentService.TestProvider, order.TotalMinor, order.Currency, DateTimeOffset.UtcNow));
            await context.SaveChangesAsync();
            Assert.Equal(PaymentStatus.Succeeded, (await stripe.Get<PaymentService>(before).CompleteTestPaymentAsync(paymentId, "4242424242424242", "12/30", "123")).Value.Status);
        }

        await using var scope = stripe.Scope();
        var result = await stripe.Get<OrderAdminService>(scope).RefundAsync(order.OrderId, order.TotalMinor, "Changed mind", restock: true, Staff);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.DoesNotContain(stripe.Stripe.Calls, c => c.Path == "/v1/refunds" && c.Form.GetValueOrDefault("metadata[payment_id]") == paymentId.ToString());
        Assert.StartsWith("test_refund_", (await stripe.Get<StoreDbContext>(scope).Refunds.AsNoTracking().SingleAsync(r => r.OrderId == order.OrderId)).ProviderReference);
        Assert.Equal(OrderStatus.Refunded, (await StripeScenario.OrderAsync(stripe, order.OrderId)).Status);
    }

    private async Task<StripeScenario.StripeOrder> PaidThroughStripeAsync(int skip)
    {
        var s = await StripeScenario.StartedAsync(stripe, skip + 10);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        await using var scope = stripe.Scope();
        var synced = await stripe.Get<PaymentService>(scope).SyncWithProviderAsync(s.PaymentId, intentId, PaymentService.Actor);
        Assert.Equal(PaymentSyncOutcome.Completed, synced.Value);
        return s;
    }

    private async Task<IPaymentGateway> GatewayAsync()
    {
        await using var scope = stripe.Scope();
        return stripe.Get<PaymentGateways>(scope).For(StripePaymentGateway.Name);
    }
}
