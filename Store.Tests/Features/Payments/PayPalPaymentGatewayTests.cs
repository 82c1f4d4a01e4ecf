using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Data;
using Store.Infrastructure.Integrity;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Payments;

/// <summary>Contract tests of the PayPal adapter against <see cref="PayPalTestDouble"/>, through the store's own services and HTTP endpoints.</summary>
public class PayPalPaymentGatewayTests(PayPalFixture paypal) : IClassFixture<PayPalFixture>
{
    private const string Staff = "staff@store.local";

    [Fact]
    public async Task Checkout_WhenTheBuyerApprovesAndReturns_AuthorisesCapturesAndPaysTheOrderThenRefundsAtPayPal()
    {
        var s = await StartedAsync(skip: 0, units: 5, quantity: 2);
        var create = Assert.Single(paypal.PayPal.Calls, c => c.Path == "/v2/checkout/orders" && c.Body.Contains(s.PaymentId.ToString(), StringComparison.Ordinal));
        Assert.Equal($"order:{s.Order.OrderId}:payment:{s.PaymentId}:create", create.IdempotencyKey);
        Assert.Equal("AUTHORIZE", (string?)JsonNode.Parse(create.Body)!["intent"]);

        var returnUrl = paypal.PayPal.Approve(s.PayPalOrderId);
        using var back = await Browser().GetAsync(new Uri(returnUrl).PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal($"/orders/{s.Order.OrderId}/confirmation", back.Headers.Location!.OriginalString);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(paypal, s.Order.OrderId)).Status);
        Assert.Equal(PaymentStatus.Succeeded, (await StripeScenario.PaymentAsync(paypal, s.PaymentId)).Status);
        Assert.Equal((3, 0), await StoreScenario.StockAsync(paypal, s.VariantId));
        Assert.Equal(1, paypal.PayPal.CapturesOf(s.PayPalOrderId));
        Assert.All(paypal.PayPal.Calls.Where(c => c.Method == "POST" && c.Path.StartsWith("/v2/", StringComparison.Ordinal)), c => Assert.NotNull(c.IdempotencyKey));

        await using var scope = paypal.Scope();
        var refunded = await paypal.Get<OrderAdminService>(scope).RefundAsync(s.Order.OrderId, s.Order.TotalMinor, "Damaged", restock: true, Staff);

        Assert.True(refunded.IsSuccess, refunded.Error?.Message);
        var atPayPal = Assert.Single(paypal.PayPal.RefundsOf(s.PayPalOrderId));
        var saved = await paypal.Get<StoreDbContext>(scope).Refunds.AsNoTracking().SingleAsync(r => r.OrderId == s.Order.OrderId);
        Assert.Equal((string?)atPayPal["id"], saved.ProviderReference);
        Assert.Equal(saved.Id.ToString(), (string?)atPayPal["custom_id"]);
        Assert.Equal(PayPalMoney(s.Order.TotalMinor), (string?)atPayPal["amount"]!["value"]);
        Assert.Equal(OrderStatus.Refunded, (await StripeScenario.OrderAsync(paypal, s.Order.OrderId)).Status);
        Assert.Equal((5, 0), await StoreScenario.StockAsync(paypal, s.VariantId));
        Assert.Empty(await paypal.Get<IntegrityMonitor>(scope).CheckAsync());
    }

    [Fact]
    public async Task Webhook_WhenTheApprovalEventIsReplayed_PaysTheOrderOnceAndTheReplayChangesNothing()
    {
        var s = await StartedAsync(skip: 1);
        paypal.PayPal.Approve(s.PayPalOrderId);
        var (json, headers) = paypal.PayPal.Event("CHECKOUT.ORDER.APPROVED", paypal.PayPal.Order(s.PayPalOrderId));

        using var first = await PostWebhookAsync(json, headers);
        using var replay = await PostWebhookAsync(json, headers);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Completed", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Duplicate", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, paypal.PayPal.CapturesOf(s.PayPalOrderId));
        Assert.Equal(1, await StripeScenario.OutboxCountAsync(paypal, "order.paid", s.Order.OrderId));
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(paypal, s.Order.OrderId)).Status);
        Assert.Single(paypal.PayPal.Calls, c => c.Path.EndsWith("/authorize", StringComparison.Ordinal) && c.Path.Contains(s.PayPalOrderId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_WhenPayPalDoesNotVerifyTheSignature_AnswersBadRequestAndChangesNothing()
    {
        var s = await StartedAsync(skip: 2);
        paypal.PayPal.Approve(s.PayPalOrderId);
        var (json, headers) = paypal.PayPal.Event("CHECKOUT.ORDER.APPROVED", paypal.PayPal.Order(s.PayPalOrderId), signature: "forged");

        using var response = await PostWebhookAsync(json, headers);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OrderStatus.AwaitingPayment, (await StripeScenario.OrderAsync(paypal, s.Order.OrderId)).Status);
        Assert.Equal("APPROVED", (string?)paypal.PayPal.Order(s.PayPalOrderId)["status"]);
    }

    [Fact]
    public async Task Webhook_WhenTheBodyHasItsOwnSpacingKeyOrderAndEscapes_SendsPayPalTheEventByteForByteAndPays()
    {
        var s = await StartedAsync(skip: 20);
        paypal.PayPal.Approve(s.PayPalOrderId);
        var eventId = "WH-RAW-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var resource = paypal.PayPal.Order(s.PayPalOrderId).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        // As PayPal may lay it out: its own key order and spacing, \u escapes, an escaped slash and raw UTF-8, none of
        // which survive a parse and re-serialisation unchanged.
        var json = "{\n  \"summary\" : \"Checkout order approved \\u00e9\\u2713 \\/ caf\u00e9\",\r\n\t\"event_type\":\"CHECKOUT.ORDER.APPROVED\",\n"
            + $"  \"resource\":  {resource},\n  \"id\" : \"{eventId}\", \"event_version\":\"1.0\",  \"resource_type\" :\"checkout-order\",\n"
            + "  \"create_time\": \"2026-12-03T10:00:00.000Z\"\n}";

        using var response = await PostWebhookAsync(json, PayPalTestDouble.Headers(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Completed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sent = Assert.Single(paypal.PayPal.VerifiedEvents, e => Encoding.UTF8.GetString(e).Contains(eventId, StringComparison.Ordinal));
        Assert.Equal(Encoding.UTF8.GetBytes(json), sent);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(paypal, s.Order.OrderId)).Status);
    }

    [Fact]
    public async Task Webhook_WhenTheBodyWasChangedAfterPayPalSignedIt_AnswersBadRequestAndChangesNothing()
    {
        var s = await StartedAsync(skip: 21);
        paypal.PayPal.Approve(s.PayPalOrderId);
        var (json, headers) = paypal.PayPal.Event("CHECKOUT.ORDER.APPROVED", paypal.PayPal.Order(s.PayPalOrderId));

        // The same event, only spaced differently: PayPal's signature covers the bytes.
        using var response = await PostWebhookAsync(json.Replace(",\"", ", \"", StringComparison.Ordinal), headers);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OrderStatus.AwaitingPayment, (await StripeScenario.OrderAsync(paypal, s.Order.OrderId)).Status);
        Assert.DoesNotContain(paypal.PayPal.Calls, c => c.Path.EndsWith("/authorize", StringComparison.Ordinal) && c.Path.Contains(s.PayPalOrderId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_WhenTheReturnAndTheWebhookWereLost_FindsTheApprovedOrderAndCompletesItOnce()
    {
        var s = await StartedAsync(skip: 3, units: 4, quantity: 2);
        paypal.PayPal.Approve(s.PayPalOrderId);

        var findings = await ReconcileAsync();
        var again = await ReconcileAsync();

        var finding = Assert.Single(findings, f => f.PaymentId == s.PaymentId);
        Assert.Equal("charge-without-paid-order", finding.Check);
        Assert.Equal(s.PayPalOrderId, finding.ProviderPaymentId);
        Assert.NotNull(finding.Repair);
        Assert.DoesNotContain(again, f => f.PaymentId == s.PaymentId);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(paypal, s.Order.OrderId)).Status);
        Assert.Equal((2, 0), await StoreScenario.StockAsync(paypal, s.VariantId));
        Assert.Equal(1, paypal.PayPal.CapturesOf(s.PayPalOrderId));
    }

    [Fact]
    public async Task Capture_WhenPayPalAnswers429_ChangesNothingAndTheRetryWithTheSameRequestIdCapturesOnce()
    {
        var s = await StartedAsync(skip: 4);
        paypal.PayPal.Approve(s.PayPalOrderId);
        paypal.PayPal.FailNext("/capture", 429, """{"name":"RATE_LIMIT_REACHED","message":"Too many requests. Blocked due to rate limiting.","debug_id":"90957fca61718"}""");

        var limited = await SyncAsync(s);
        var retried = await SyncAsync(s);

        Assert.Equal(ErrorKind.Unavailable, limited.Error!.Kind);
        Assert.Contains("429", limited.Error.Message, StringComparison.Ordinal);
        Assert.Equal(PaymentSyncOutcome.Completed, retried.Value);
        var captures = paypal.PayPal.Calls.Where(c => c.Path.EndsWith("/capture", StringComparison.Ordinal) && c.IdempotencyKey!.Contains(s.PaymentId.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, captures.Count);
        Assert.All(captures, c => Assert.Equal($"order:{s.Order.OrderId}:payment:{s.PaymentId}:capture", c.IdempotencyKey));
        Assert.Equal(1, paypal.PayPal.CapturesOf(s.PayPalOrderId));
    }

    [Fact]
    public async Task Start_WhenPayPalDoesNotAnswerInTime_FailsWithNothingSavedAndTheNextStartReusesTheRequestId()
    {
        var variantId = await StoreScenario.VariantWithStockAsync(paypal, 5, skip: 5);
        var order = await StoreScenario.PlaceAsync(paypal, await StoreScenario.GuestCartWithAsync(paypal, variantId, 1));
        paypal.PayPal.DelayNext("/v2/checkout/orders", TimeSpan.FromSeconds(PayPalFixture.TimeoutSeconds + 2));

        await using var scope = paypal.Scope();
        var timedOut = await paypal.Get<PaymentService>(scope).StartAsync(order.OrderId, null);

        Assert.Equal(ErrorKind.Unavailable, timedOut.Error!.Kind);
        Assert.Contains("no answer", timedOut.Error.Message, StringComparison.Ordinal);
        Assert.False(await paypal.Get<StoreDbContext>(scope).Payments.AnyAsync(p => p.OrderId == order.OrderId));

        await using var later = paypal.Scope();
        var started = await paypal.Get<PaymentService>(later).StartAsync(order.OrderId, null);
        Assert.True(started.IsSuccess, started.Error?.Message);
        Assert.StartsWith(paypal.PayPal.BaseUrl + "/checkoutnow?token=", started.Value.RedirectUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorise_WhenPayPalRefusesTheFundingSource_DeclinesThePaymentWithPayPalsIssue()
    {
        var s = await StartedAsync(skip: 6);
        paypal.PayPal.Approve(s.PayPalOrderId);
        paypal.PayPal.FailNext("/authorize", 422, """{"name":"UNPROCESSABLE_ENTITY","details":[{"issue":"INSTRUMENT_DECLINED","description":"The instrument presented was either declined by the processor or bank, or it can't be used for this payment."}],"message":"The requested action could not be performed, semantically incorrect, or failed business validation.","debug_id":"c9a75b43fc807"}""");

        var synced = await SyncAsync(s);

        Assert.Equal(PaymentSyncOutcome.Declined, synced.Value);
        var payment = await StripeScenario.PaymentAsync(paypal, s.PaymentId);
        Assert.Equal(PaymentStatus.Declined, payment.Status);
        Assert.StartsWith("INSTRUMENT_DECLINED", payment.FailureReason, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.AwaitingPayment, (await StripeScenario.OrderAsync(paypal, s.Order.OrderId)).Status);
    }

    [Fact]
    public async Task RefundWebhook_WhenStaffRefundInPayPalsDashboard_RecordsTheRefundOnTheOrderOnce()
    {
        var s = await PaidAsync(skip: 7);
        var refund = paypal.PayPal.RefundInDashboard(s.PayPalOrderId, 100);
        var (json, headers) = paypal.PayPal.Event("PAYMENT.CAPTURE.REFUNDED", refund);

        using var first = await PostWebhookAsync(json, headers);
        using var replay = await PostWebhookAsync(json, headers);

        Assert.Contains("Refunded", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Duplicate", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var order = await StripeScenario.OrderAsync(paypal, s.Order.OrderId);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(100, order.RefundedMinor);
        await using var scope = paypal.Scope();
        var saved = await paypal.Get<StoreDbContext>(scope).Refunds.AsNoTracking().SingleAsync(r => r.OrderId == s.Order.OrderId);
        Assert.Equal((string?)refund["id"], saved.ProviderReference);
    }

    [Fact]
    public async Task DisputeWebhook_WhenTheBuyerOpensADispute_PutsItOnTheOrdersTimeline()
    {
        var s = await PaidAsync(skip: 8);
        var dispute = new JsonObject
        {
            ["dispute_id"] = "PP-D-27803",
            ["create_time"] = "2026-12-03T10:00:00.000Z",
            ["reason"] = "MERCHANDISE_OR_SERVICE_NOT_RECEIVED",
            ["status"] = "WAITING_FOR_SELLER_RESPONSE",
            ["dispute_amount"] = new JsonObject { ["currency_code"] = s.Order.Currency, ["value"] = PayPalMoney(s.Order.TotalMinor) },
            ["disputed_transactions"] = new JsonArray(new JsonObject { ["seller_transaction_id"] = paypal.PayPal.CaptureIdOf(s.PayPalOrderId) }),
        };
        var (json, headers) = paypal.PayPal.Event("CUSTOMER.DISPUTE.CREATED", dispute);

        using var response = await PostWebhookAsync(json, headers);

        Assert.Contains("Disputed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = paypal.Scope();
        var db = paypal.Get<StoreDbContext>(scope);
        var saved = await db.PaymentDisputes.AsNoTracking().SingleAsync(d => d.OrderId == s.Order.OrderId);
        Assert.Equal(s.Order.TotalMinor, saved.AmountMinor);
        var order = await db.Orders.Include(o => o.History).AsNoTracking().SingleAsync(o => o.Id == s.Order.OrderId);
        Assert.Contains(order.History, h => h.Note != null && h.Note.Contains("PP-D-27803", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AccessToken_WhenManyCallsAreMade_IsFetchedOnceAndReused()
    {
        var s = await PaidAsync(skip: 9);
        await using var scope = paypal.Scope();
        var gateway = paypal.Get<PaymentGateways>(scope).For("paypal");

        await gateway.GetAsync(s.PayPalOrderId, CancellationToken.None);
        await gateway.GetAsync(s.PayPalOrderId, CancellationToken.None);

        Assert.Equal(1, ((Store.Infrastructure.Payments.PayPal.PayPalPaymentGateway)gateway).TokensIssued);
    }

    private static string PayPalMoney(long minor) => (minor / 100m).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    private HttpClient Browser() => paypal.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpResponseMessage> PostWebhookAsync(string json, Dictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/paypal/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await paypal.App.CreateClient().SendAsync(request);
    }

    private async Task<Result<PaymentSyncOutcome>> SyncAsync(PayPalOrder s)
    {
        await using var scope = paypal.Scope();
        return await paypal.Get<PaymentService>(scope).SyncWithProviderAsync(s.PaymentId, s.PayPalOrderId, PaymentService.Actor);
    }

    private async Task<IReadOnlyList<ReconciliationFinding>> ReconcileAsync()
    {
        await using var scope = paypal.Scope();
        return await paypal.Get<PaymentReconciliationService>(scope).ReconcileAsync(TimeSpan.FromHours(24));
    }

    private async Task<PayPalOrder> StartedAsync(int skip, int units = 5, int quantity = 1)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(paypal, units, skip);
        var order = await StoreScenario.PlaceAsync(paypal, await StoreScenario.GuestCartWithAsync(paypal, variantId, quantity));
        await using var scope = paypal.Scope();
        var started = await paypal.Get<PaymentService>(scope).StartAsync(order.OrderId, null);
        Assert.True(started.IsSuccess, started.Error?.Message);
        var payment = await StripeScenario.PaymentAsync(paypal, started.Value.Id);
        return new PayPalOrder(variantId, order, payment.Id, payment.ProviderReference!);
    }

    private async Task<PayPalOrder> PaidAsync(int skip)
    {
        var s = await StartedAsync(skip + 10);
        paypal.PayPal.Approve(s.PayPalOrderId);
        Assert.Equal(PaymentSyncOutcome.Completed, (await SyncAsync(s)).Value);
        return s;
    }

    private sealed record PayPalOrder(int VariantId, Store.Infrastructure.Checkout.PlacedOrder Order, Guid PaymentId, string PayPalOrderId);
}
