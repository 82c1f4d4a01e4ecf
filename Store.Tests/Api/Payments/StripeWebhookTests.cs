using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Tests.Support;

namespace Store.Tests.Api.Payments;

public class StripeWebhookTests(StripeFixture stripe) : IClassFixture<StripeFixture>
{
    [Fact]
    public async Task StartPayment_WithStripe_RedirectsToStripesHostedPageAndSendsNoCardData()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(stripe, units: 3, skip: 0);
        var order = await StoreScenario.PlaceAsync(stripe, await StoreScenario.GuestCartWithAsync(stripe, variantId, 1));

        var response = await stripe.App.CreateClient().PostAsJsonAsync("/api/payments", new { orderId = order.OrderId });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var redirect = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirectUrl").GetString()!;
        var create = Assert.Single(stripe.Stripe.Calls, c => c.Path == "/v1/checkout/sessions" && c.Form["metadata[order_id]"] == order.OrderId.ToString());
        var payment = await PaymentOfOrderAsync(order.OrderId);
        Assert.Equal((string?)stripe.Stripe.Session(payment.ProviderReference!)["url"], redirect);
        Assert.Equal($"order:{order.OrderId}:payment:{payment.Id}:create", create.IdempotencyKey);
        Assert.Equal("manual", create.Form["payment_intent_data[capture_method]"]);
        Assert.Equal(order.OrderId.ToString(), create.Form["metadata[order_id]"]);
        Assert.Equal(payment.Id.ToString(), create.Form["payment_intent_data[metadata][payment_id]"]);
        Assert.Equal($"https://shop.example/orders/{order.OrderId}/confirmation", create.Form["success_url"]);
        Assert.Equal($"https://shop.example/orders/{order.OrderId}/pay", create.Form["cancel_url"]);
        Assert.Equal(order.TotalMinor.ToString(), create.Form["line_items[0][price_data][unit_amount]"]);
        Assert.DoesNotContain(create.Form.Keys, k => k.Contains("card", StringComparison.OrdinalIgnoreCase) || k.Contains("cvc", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Webhook_WhenDeliveredTwiceAndOutOfOrder_PaysTheOrderOnce()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 1, units: 5, quantity: 2);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        var authorised = stripe.Stripe.Event("payment_intent.amount_capturable_updated", stripe.Stripe.Intent(intentId));
        var completed = stripe.Stripe.Event("checkout.session.completed", stripe.Stripe.Session(s.SessionId));

        await StripeScenario.DeliverAsync(stripe, completed);
        var succeeded = stripe.Stripe.Event("payment_intent.succeeded", stripe.Stripe.Intent(intentId));
        await StripeScenario.DeliverAsync(stripe, succeeded);
        await StripeScenario.DeliverAsync(stripe, authorised);
        await StripeScenario.DeliverAsync(stripe, completed);
        await StripeScenario.DeliverAsync(stripe, succeeded);

        Assert.Equal(1, stripe.Stripe.CapturesOf(intentId));
        Assert.All(stripe.Stripe.Calls.Where(c => c.Path == $"/v1/payment_intents/{intentId}/capture"), c => Assert.Equal($"order:{s.Order.OrderId}:payment:{s.PaymentId}:capture", c.IdempotencyKey));
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        var payment = await StripeScenario.PaymentAsync(stripe, s.PaymentId);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(intentId, payment.ProviderPaymentId);
        Assert.Equal((3, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(stripe, "order.paid", s.Order.OrderId));
        await AssertIntactAsync();
    }

    [Fact]
    public async Task Webhook_WhenEventsAndTheirRedeliveriesArriveConcurrently_CapturesAndSellsOnce()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 8, units: 5, quantity: 1);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        var events = new[]
        {
            stripe.Stripe.Event("checkout.session.completed", stripe.Stripe.Session(s.SessionId)),
            stripe.Stripe.Event("payment_intent.amount_capturable_updated", stripe.Stripe.Intent(intentId)),
        };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => StripeScenario.PostWebhookAsync(stripe, events[i % 2])));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, stripe.Stripe.CapturesOf(intentId));
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(stripe, "order.paid", s.Order.OrderId));
        await using var scope = stripe.Scope();
        Assert.Equal(2, await stripe.Get<StoreDbContext>(scope).ProcessedWebhookEvents.CountAsync(e => events.Any(json => json.Contains(e.EventId))));
    }

    [Fact]
    public async Task Webhook_WhenSucceededArrivesBeforeTheAuthorisation_EndsWithOnePaidOrderAndNoSecondCapture()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 2);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        var lateAuthorisation = stripe.Stripe.Event("payment_intent.amount_capturable_updated", stripe.Stripe.Intent(intentId));
        stripe.Stripe.CaptureDirectly(intentId);

        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("payment_intent.succeeded", stripe.Stripe.Intent(intentId)));
        await StripeScenario.DeliverAsync(stripe, lateAuthorisation);
        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("checkout.session.completed", stripe.Stripe.Session(s.SessionId)));

        Assert.DoesNotContain(stripe.Stripe.Calls, c => c.Path == $"/v1/payment_intents/{intentId}/capture");
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(stripe, "order.paid", s.Order.OrderId));
    }

    [Fact]
    public async Task Webhook_WithAForgedOrStaleSignature_Answers400AndChangesNothing()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 3);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        var json = stripe.Stripe.Event("payment_intent.amount_capturable_updated", stripe.Stripe.Intent(intentId));

        using var forged = await StripeScenario.PostWebhookAsync(stripe, json, StripeTestDouble.Sign(json, "whsec_someone_else", DateTimeOffset.UtcNow));
        using var stale = await StripeScenario.PostWebhookAsync(stripe, json, StripeTestDouble.Sign(json, StripeTestDouble.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-10)));
        using var tampered = await StripeScenario.PostWebhookAsync(stripe, json.Replace("requires_capture", "succeeded"), StripeTestDouble.Sign(json, StripeTestDouble.WebhookSecret, DateTimeOffset.UtcNow));
        using var unsigned = await StripeScenario.PostWebhookAsync(stripe, json, "");

        Assert.All([forged, stale, tampered, unsigned], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, stripe.Stripe.CapturesOf(intentId));
        Assert.Equal(PaymentStatus.Pending, (await StripeScenario.PaymentAsync(stripe, s.PaymentId)).Status);
        Assert.Equal(OrderStatus.AwaitingPayment, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        await using var scope = stripe.Scope();
        Assert.False(await stripe.Get<StoreDbContext>(scope).ProcessedWebhookEvents.AnyAsync(e => json.Contains(e.EventId)));
    }

    [Fact]
    public async Task Webhook_WhenTheOrderExpiredBeforeTheMoneyArrived_RefundsItAndSellsNothing()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 4, units: 2, quantity: 2);
        await StripeScenario.ExpireAsync(stripe, s.Order.OrderId);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        stripe.Stripe.CaptureDirectly(intentId);

        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("payment_intent.succeeded", stripe.Stripe.Intent(intentId)));
        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("checkout.session.completed", stripe.Stripe.Session(s.SessionId)));

        var refund = Assert.Single(stripe.Stripe.RefundsOf(intentId));
        Assert.Equal(s.Order.TotalMinor, (long)refund["amount"]!);
        Assert.Equal($"order:{s.Order.OrderId}:payment:{s.PaymentId}:refund:void", stripe.Stripe.Calls.Single(c => c.Path == "/v1/refunds" && c.Form["payment_intent"] == intentId).IdempotencyKey);
        Assert.Equal(OrderStatus.Cancelled, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        var payment = await StripeScenario.PaymentAsync(stripe, s.PaymentId);
        Assert.Equal(PaymentStatus.Voided, payment.Status);
        Assert.Contains("refunded", payment.FailureReason);
        Assert.Equal((2, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
        await using var scope = stripe.Scope();
        Assert.True(await stripe.Get<StoreDbContext>(scope).AuditLog.AnyAsync(a => a.Action == "payment.voided" && a.EntityId == s.PaymentId.ToString()));
        await AssertIntactAsync();
    }

    [Fact]
    public async Task Webhook_WhenTheCardFailsAndTheShopperRetriesOnStripesPage_DeclinesThenPays()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 5);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId, declined: true);

        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("payment_intent.payment_failed", stripe.Stripe.Intent(intentId)));
        var declined = await StripeScenario.PaymentAsync(stripe, s.PaymentId);
        stripe.Stripe.PayOnHostedPage(s.SessionId);
        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("checkout.session.completed", stripe.Stripe.Session(s.SessionId)));

        Assert.Equal(PaymentStatus.Declined, declined.Status);
        Assert.Equal("Your card was declined.", declined.FailureReason);
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(stripe, "payment.failed", s.Order.OrderId));
        Assert.Equal(PaymentStatus.Succeeded, (await StripeScenario.PaymentAsync(stripe, s.PaymentId)).Status);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(stripe, s.VariantId));
    }

    [Fact]
    public async Task Webhook_WhenStripesPageExpiresUnpaid_DeclinesThePaymentAndTheNextAttemptOpensANewPage()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 6);

        await StripeScenario.DeliverAsync(stripe, stripe.Stripe.Event("checkout.session.expired", stripe.Stripe.Session(s.SessionId)));
        await using var scope = stripe.Scope();
        var retry = await stripe.Get<Store.Infrastructure.Payments.PaymentService>(scope).StartAsync(s.Order.OrderId, null);

        Assert.Equal(PaymentStatus.Declined, (await StripeScenario.PaymentAsync(stripe, s.PaymentId)).Status);
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(stripe, "payment.failed", s.Order.OrderId));
        Assert.NotEqual(s.PaymentId, retry.Value.Id);
        Assert.StartsWith("https://checkout.stripe.test/", retry.Value.RedirectUrl);
        Assert.Equal(OrderStatus.AwaitingPayment, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
    }

    [Fact]
    public async Task Webhook_WhenStripeCannotCapture_Answers502SoStripeRetriesAndTheRetryPays()
    {
        var s = await StripeScenario.StartedAsync(stripe, skip: 7);
        var intentId = stripe.Stripe.PayOnHostedPage(s.SessionId);
        var json = stripe.Stripe.Event("checkout.session.completed", stripe.Stripe.Session(s.SessionId));
        stripe.Stripe.FailNext("/capture", 402);

        using var failed = await StripeScenario.PostWebhookAsync(stripe, json);
        var afterFailure = await StripeScenario.PaymentAsync(stripe, s.PaymentId);
        await StripeScenario.DeliverAsync(stripe, json);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal(PaymentStatus.Pending, afterFailure.Status);
        Assert.Equal(1, stripe.Stripe.CapturesOf(intentId));
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(stripe, s.Order.OrderId)).Status);
    }

    private async Task<Payment> PaymentOfOrderAsync(Guid orderId)
    {
        await using var scope = stripe.Scope();
        return await stripe.Get<StoreDbContext>(scope).Payments.AsNoTracking().SingleAsync(p => p.OrderId == orderId);
    }

    private async Task AssertIntactAsync()
    {
        await using var scope = stripe.Scope();
        Assert.Empty(await stripe.Get<IntegrityMonitor>(scope).CheckAsync());
    }
}
