using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Payments.Square;
using Store.Tests.Support;

namespace Store.Tests.Features.Payments;

/// <summary>Contract tests of the Square adapter against <see cref="SquareTestDouble"/>, through the store's own services and HTTP endpoints.</summary>
public class SquarePaymentGatewayTests(SquareFixture square) : IClassFixture<SquareFixture>
{
    private const string Staff = "staff@store.local";

    [Fact]
    public async Task Checkout_WhenTheShopperPaysOnSquaresPage_TheWebhookPaysTheOrderThenTheRefundGoesToSquare()
    {
        var s = await StartedAsync(skip: 0, units: 5, quantity: 2);
        // A retried start (a serialisation retry of its transaction) sends the same key, so Square makes one link.
        var creates = square.Square.Calls.Where(c => c.Path == "/v2/online-checkout/payment-links" && c.Body.Contains(s.PaymentId.ToString(), StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(creates);
        Assert.All(creates, c => Assert.Equal(SquarePaymentGateway.KeyFor($"order:{s.Order.OrderId}:payment:{s.PaymentId}:create"), c.IdempotencyKey));
        Assert.Equal(s.Order.TotalMinor, (long)JsonNode.Parse(creates[0].Body)!["quick_pay"]!["price_money"]!["amount"]!);

        var paymentId = square.Square.PayOnHostedPage(s.SquareOrderId);
        var (json, signature) = square.Square.Event("payment.updated", "payment", square.Square.Payment(paymentId));
        using var delivered = await PostWebhookAsync(json, signature);

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(square, s.Order.OrderId)).Status);
        var payment = await StripeScenario.PaymentAsync(square, s.PaymentId);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(paymentId, payment.ProviderPaymentId);
        Assert.Equal((3, 0), await StoreScenario.StockAsync(square, s.VariantId));

        await using var scope = square.Scope();
        var refunded = await square.Get<OrderAdminService>(scope).RefundAsync(s.Order.OrderId, s.Order.TotalMinor, "Damaged", restock: true, Staff);

        Assert.True(refunded.IsSuccess, refunded.Error?.Message);
        var atSquare = Assert.Single(square.Square.RefundsOf(paymentId));
        var saved = await square.Get<StoreDbContext>(scope).Refunds.AsNoTracking().SingleAsync(r => r.OrderId == s.Order.OrderId);
        Assert.Equal((string?)atSquare["id"], saved.ProviderReference);
        Assert.Equal(s.Order.TotalMinor, (long)atSquare["amount_money"]!["amount"]!);
        var refundCall = Assert.Single(square.Square.Calls, c => c.Path == "/v2/refunds" && c.Method == "POST" && c.Body.Contains(paymentId, StringComparison.Ordinal));
        Assert.Equal(SquarePaymentGateway.KeyFor($"order:{s.Order.OrderId}:payment:{s.PaymentId}:refund:{saved.Id}"), refundCall.IdempotencyKey);
        Assert.True(refundCall.IdempotencyKey!.Length <= 45);
        Assert.Equal(OrderStatus.Refunded, (await StripeScenario.OrderAsync(square, s.Order.OrderId)).Status);
        Assert.Equal((5, 0), await StoreScenario.StockAsync(square, s.VariantId));
        Assert.Empty(await square.Get<IntegrityMonitor>(scope).CheckAsync());
    }

    [Fact]
    public async Task Webhook_WhenReplayed_ChangesNothing()
    {
        var s = await StartedAsync(skip: 1);
        var paymentId = square.Square.PayOnHostedPage(s.SquareOrderId);
        var (json, signature) = square.Square.Event("payment.updated", "payment", square.Square.Payment(paymentId));

        using var first = await PostWebhookAsync(json, signature);
        using var replay = await PostWebhookAsync(json, signature);

        Assert.Contains("Completed", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Duplicate", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(square, "order.paid", s.Order.OrderId));
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(square, s.Order.OrderId)).Status);
    }

    [Fact]
    public async Task Webhook_WhenTheSignatureDoesNotMatch_AnswersBadRequestAndChangesNothing()
    {
        var s = await StartedAsync(skip: 2);
        var paymentId = square.Square.PayOnHostedPage(s.SquareOrderId);
        var (json, _) = square.Square.Event("payment.updated", "payment", square.Square.Payment(paymentId));

        using var response = await PostWebhookAsync(json, SquareWebhookService.Sign("another-key", SquareTestDouble.NotificationUrl, json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OrderStatus.AwaitingPayment, (await StripeScenario.OrderAsync(square, s.Order.OrderId)).Status);
    }

    [Fact]
    public async Task Webhook_WhenAProxyRewroteTheHostAndTheBodyIsSpacedItsOwnWay_IsVerifiedOverTheConfiguredUrlAndTheRawBytes()
    {
        var s = await StartedAsync(skip: 8);
        var paymentId = square.Square.PayOnHostedPage(s.SquareOrderId);
        var (compact, _) = square.Square.Event("payment.updated", "payment", square.Square.Payment(paymentId));

        // Square's own layout, with an escape ("\u0044" is "D") and raw UTF-8 that a re-serialisation would change.
        var json = JsonNode.Parse(compact)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })
            .Replace("\"MLDOUBLE\"", "\"ML\\u0044OUBLE\"", StringComparison.Ordinal)
            .Replace("\"merchant_id\"", "\"note\": \"caf\u00e9\",\n  \"merchant_id\"", StringComparison.Ordinal);

        // The store sits behind a proxy: the request reaches it as http://store-internal:8080/..., while Square
        // signed the URL of its subscription (the configured WebhookUrl).
        var reachedUrl = "http://store-internal:8080/api/payments/square/webhook";
        using var overReachedUrl = await PostWebhookAsync(json, SquareWebhookService.Sign(SquareTestDouble.SignatureKey, reachedUrl, json), behindProxy: true);
        using var overReserialised = await PostWebhookAsync(json, SquareWebhookService.Sign(SquareTestDouble.SignatureKey, SquareTestDouble.NotificationUrl, compact), behindProxy: true);
        var afterRefusals = await StripeScenario.OrderAsync(square, s.Order.OrderId);
        using var overConfiguredUrl = await PostWebhookAsync(json, SquareWebhookService.Sign(SquareTestDouble.SignatureKey, SquareTestDouble.NotificationUrl, json), behindProxy: true);

        Assert.Equal(HttpStatusCode.BadRequest, overReachedUrl.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overReserialised.StatusCode);
        Assert.Equal(OrderStatus.AwaitingPayment, afterRefusals.Status);
        Assert.Equal(HttpStatusCode.OK, overConfiguredUrl.StatusCode);
        Assert.Contains("Completed", await overConfiguredUrl.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(square, s.Order.OrderId)).Status);
    }

    [Fact]
    public async Task Reconcile_WhenTheWebhookWasLost_FindsThePaymentAndCompletesTheOrderOnce()
    {
        var s = await StartedAsync(skip: 3, units: 4, quantity: 2);
        var paymentId = square.Square.PayOnHostedPage(s.SquareOrderId);

        var findings = await ReconcileAsync();
        var again = await ReconcileAsync();

        var finding = Assert.Single(findings, f => f.PaymentId == s.PaymentId);
        Assert.Equal("charge-without-paid-order", finding.Check);
        Assert.Equal(paymentId, finding.ProviderPaymentId);
        Assert.NotNull(finding.Repair);
        Assert.DoesNotContain(again, f => f.PaymentId == s.PaymentId);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(square, s.Order.OrderId)).Status);
        Assert.Equal((2, 0), await StoreScenario.StockAsync(square, s.VariantId));
    }

    [Fact]
    public async Task Refund_WhenSquareAnswers429_ChangesNothingAndTheRetryWithTheSameKeyRefundsOnce()
    {
        var s = await PaidAsync(skip: 4);
        square.Square.FailNext("/v2/refunds", 429, """{"errors":[{"category":"RATE_LIMIT_ERROR","code":"RATE_LIMITED","detail":"Rate limited."}]}""");
        var refundId = Guid.NewGuid().ToString();
        var gateway = await GatewayAsync();
        var payment = await StripeScenario.PaymentAsync(square, s.PaymentId);

        var limited = await gateway.RefundAsync(payment, refundId, 100, CancellationToken.None);
        var retried = await gateway.RefundAsync(payment, refundId, 100, CancellationToken.None);
        var replayed = await gateway.RefundAsync(payment, refundId, 100, CancellationToken.None);

        Assert.Equal(ErrorKind.Unavailable, limited.Error!.Kind);
        Assert.Contains("429", limited.Error.Message, StringComparison.Ordinal);
        Assert.True(retried.IsSuccess, retried.Error?.Message);
        Assert.Equal(retried.Value, replayed.Value);
        Assert.Single(square.Square.RefundsOf(payment.ProviderPaymentId!));
    }

    [Fact]
    public async Task Refund_WhenSquareRefusesTheAmount_ReturnsSquaresErrorAndTheOrderIsUnchanged()
    {
        var s = await PaidAsync(skip: 5);
        var payment = await StripeScenario.PaymentAsync(square, s.PaymentId);

        // Part of the money went back in Square's dashboard, which the store has not heard of yet.
        square.Square.RefundInDashboard(payment.ProviderPaymentId!, 100);
        await using var scope = square.Scope();
        var refused = await square.Get<OrderAdminService>(scope).RefundAsync(s.Order.OrderId, s.Order.TotalMinor, "Goodwill", restock: true, Staff);

        Assert.Equal("payment.provider", refused.Error!.Code);
        Assert.Contains("REFUND_AMOUNT_INVALID", refused.Error.Message, StringComparison.Ordinal);
        Assert.False(await square.Get<StoreDbContext>(scope).Refunds.AnyAsync(r => r.OrderId == s.Order.OrderId));
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(square, s.Order.OrderId)).Status);
        Assert.Equal((4, 0), await StoreScenario.StockAsync(square, s.VariantId));
    }

    [Fact]
    public async Task Start_WhenSquareDoesNotAnswerInTime_FailsWithNothingSaved()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(square, 5, skip: 6);
        var order = await StoreScenario.PlaceAsync(square, await StoreScenario.GuestCartWithAsync(square, variantId, 1));
        square.Square.DelayNext("/v2/online-checkout/payment-links", TimeSpan.FromSeconds(SquareFixture.TimeoutSeconds + 2));

        await using var scope = square.Scope();
        var timedOut = await square.Get<PaymentService>(scope).StartAsync(order.OrderId, null);

        Assert.Equal(ErrorKind.Unavailable, timedOut.Error!.Kind);
        Assert.False(await square.Get<StoreDbContext>(scope).Payments.AnyAsync(p => p.OrderId == order.OrderId));
    }

    [Fact]
    public async Task RefundWebhook_WhenStaffRefundInSquaresDashboard_RecordsTheRefundOnce()
    {
        var s = await PaidAsync(skip: 7);
        var payment = await StripeScenario.PaymentAsync(square, s.PaymentId);
        var refundId = square.Square.RefundInDashboard(payment.ProviderPaymentId!, 100);
        var refund = square.Square.RefundsOf(payment.ProviderPaymentId!).Single(r => (string?)r["id"] == refundId);
        var (json, signature) = square.Square.Event("refund.updated", "refund", refund);

        using var first = await PostWebhookAsync(json, signature);
        using var replay = await PostWebhookAsync(json, signature);

        Assert.Contains("Refunded", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Duplicate", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var order = await StripeScenario.OrderAsync(square, s.Order.OrderId);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(100, order.RefundedMinor);
    }

    private async Task<HttpResponseMessage> PostWebhookAsync(string json, string signature, bool behindProxy = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/square/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-square-hmacsha256-signature", signature);
        if (behindProxy)
        {
            request.Headers.Host = "store-internal:8080";
            request.Headers.Add("X-Forwarded-Host", "edge.example.net");
            request.Headers.Add("X-Forwarded-Proto", "http");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        }

        return await square.App.CreateClient().SendAsync(request);
    }

    private async Task<IPaymentGateway> GatewayAsync()
    {
        await using var scope = square.Scope();
        return square.Get<PaymentGateways>(scope).For(SquarePaymentGateway.Name);
    }

    private async Task<IReadOnlyList<ReconciliationFinding>> ReconcileAsync()
    {
        await using var scope = square.Scope();
        return await square.Get<PaymentReconciliationService>(scope).ReconcileAsync(TimeSpan.FromHours(24));
    }

    private async Task<SquareOrder> StartedAsync(int skip, int units = 5, int quantity = 1)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(square, units, skip);
        var order = await StoreScenario.PlaceAsync(square, await StoreScenario.GuestCartWithAsync(square, variantId, quantity));
        await using var scope = square.Scope();
        var started = await square.Get<PaymentService>(scope).StartAsync(order.OrderId, null);
        Assert.True(started.IsSuccess, started.Error?.Message);
        var payment = await StripeScenario.PaymentAsync(square, started.Value.Id);
        return new SquareOrder(variantId, order, payment.Id, payment.ProviderReference!);
    }

    private async Task<SquareOrder> PaidAsync(int skip)
    {
        var s = await StartedAsync(skip + 10);
        var paymentId = square.Square.PayOnHostedPage(s.SquareOrderId);
        await using var scope = square.Scope();
        Assert.Equal(PaymentSyncOutcome.Completed, (await square.Get<PaymentService>(scope).SyncWithProviderAsync(s.PaymentId, paymentId, PaymentService.Actor)).Value);
        return s;
    }

    private sealed record SquareOrder(int VariantId, Store.Infrastructure.Checkout.PlacedOrder Order, Guid PaymentId, string SquareOrderId);
}
