using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Ordering;
using Store.Tests.Support;

namespace Store.Tests.Features.Payments;

public class ManualCaptureTests(ManualCaptureStripeFixture stripe) : IClassFixture<ManualCaptureStripeFixture>
{
    private const string Staff = "staff@store.local";

    [Fact]
    public async Task Webhook_WhenTheShopCapturesLater_HoldsMoneyAndStockUntilStaffCapture()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 0);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);

        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("checkout.session.completed", stripe.Stripe.Session(s.SessionId)));
        var held = await StripeScenario.PaymentAsync(stripe, s.PaymentId);
        await using var scope = stripe.Scope();
        var heldUntil = await stripe.Get<StoreDbContext>(scope).StockReservations.Where(r => r.OrderId == s.Order.OrderId).MinAsync(r => r.ExpiresAt);
        var expired = await stripe.Get<ReservationExpiryService>(scope).ReleaseExpiredAsync();
        var captured = await stripe.Get<OrderAdminService>(scope).CapturePaymentAsync(s.Order.OrderId, Staff);

        Assert.Equal(PaymentStatus.Authorised, held.Status);
        Assert.True(heldUntil > DateTimeOffset.UtcNow.AddDays(6), $"Stock held only until {heldUntil}");
        Assert.Equal(0, expired);
        Assert.True(captured.IsSuccess, captured.Error?.Message);
        Assert.Equal(1, stripe.Stripe.CapturesOf(intentId));
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
    }

    [Fact]
    public async Task CancelOrder_WithMoneyHeldAtStripe_ReleasesTheHoldAndTheStock()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 1);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("payment_intent.amount_capturable_updated", stripe.Stripe.Intent(intentId)));
        await using var scope = stripe.Scope();

        var cancelled = await stripe.Get<OrderAdminService>(scope).CancelAsync(s.Order.OrderId, Staff, "Customer asked");

        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
        Assert.Equal("canceled", (string?)stripe.Stripe.Intent(intentId)["status"]);
        Assert.Equal(PaymentStatus.Voided, (await StripeScenario.PaymentAsync(stripe, s.PaymentId)).Status);
        Assert.Equal((5, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
    }
}
