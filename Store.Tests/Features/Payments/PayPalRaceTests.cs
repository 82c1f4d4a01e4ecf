using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Payments;

/// <summary>
/// Everything that can settle one PayPal payment, at once, against the real PostgreSQL, round after round: the
/// buyer's return (twice: a refresh), the webhooks (CHECKOUT.ORDER.APPROVED, PAYMENT.AUTHORIZATION.CREATED,
/// PAYMENT.CAPTURE.COMPLETED, each also redelivered) and reconciliation. Then refunds by staff, a dashboard refund and
/// a dispute with their redeliveries, all at once. Counts are taken at the PayPal stand-in and in SQL.
/// </summary>
public class PayPalRaceTests(PayPalFixture paypal) : IClassFixture<PayPalFixture>
{
    public const int Rounds = 8;

    private const string Staff = "staff@store.local";

    [Fact]
    public async Task SettlePayment_WhenTheReturnWebhooksAndReconciliationRaceRoundAfterRound_AuthorisesCapturesAndPaysOnce()
    {
        var probe = new PaymentLedgerProbe(paypal.ConnectionString);
        for (var round = 0; round < Rounds; round++)
        {
            var s = await StartedAsync(skip: 40 + round);
            var returnPath = new Uri(paypal.PayPal.Approve(s.PayPalOrderId)).PathAndQuery;
            var approved = paypal.PayPal.Event("CHECKOUT.ORDER.APPROVED", paypal.PayPal.Order(s.PayPalOrderId));
            var authorised = paypal.PayPal.Event("PAYMENT.AUTHORIZATION.CREATED", PaymentResource("0T", s));
            var captured = paypal.PayPal.Event("PAYMENT.CAPTURE.COMPLETED", PaymentResource("3C", s));
            IReadOnlyList<ReconciliationFinding> findings = [];

            var answers = await Race.AtOnceAsync(
                () => ReturnAsync(returnPath),
                () => ReturnAsync(returnPath),
                () => PostWebhookAsync(approved),
                () => PostWebhookAsync(approved),
                () => PostWebhookAsync(authorised),
                () => PostWebhookAsync(captured),
                () => PostWebhookAsync(captured),
                async () =>
                {
                    findings = await ReconcileAsync();
                    return HttpStatusCode.OK;
                });

            var at = $"round {round}";
            Assert.True(answers.Take(2).All(a => a == HttpStatusCode.Redirect), $"{at}: returns answered {string.Join(", ", answers)}");
            Assert.True(answers.Skip(2).All(a => a == HttpStatusCode.OK), $"{at}: webhooks answered {string.Join(", ", answers)}");
            Assert.Equal(1, paypal.PayPal.Calls.Count(c => c.Path == $"/v2/checkout/orders/{s.PayPalOrderId}/authorize"));
            Assert.Single(Authorizations(s.PayPalOrderId));
            Assert.Equal(1, paypal.PayPal.CapturesOf(s.PayPalOrderId));
            Assert.DoesNotContain(paypal.PayPal.Calls, c => c.Path.EndsWith("/void", StringComparison.Ordinal) || c.Path.EndsWith("/refund", StringComparison.Ordinal));
            var money = await probe.MoneyAsync(s.PaymentId);
            Assert.Equal("Succeeded", money.PaymentStatus);
            Assert.Equal(1, await probe.AuditAsync(s.PaymentId, "payment.succeeded"));
            Assert.Equal(1, await probe.TransitionsAsync(s.Order.OrderId, "Paid"));
            Assert.Equal(1, await probe.OutboxAsync(s.Order.OrderId, "order.paid"));
            Assert.Equal(3, await probe.WebhookReceiptsAsync("paypal", [Id(approved.Json), Id(authorised.Json), Id(captured.Json)]));
            Assert.Equal((4, 0), await StoreScenario.StockAsync(paypal, s.VariantId));

            // Reconciliation either made the repair itself or found nothing left to do: it never reports the payment
            // the others settled meanwhile, nor a paid order without a charge.
            Assert.DoesNotContain(findings, f => f.Check == "paid-order-without-charge");
            Assert.DoesNotContain(findings, f => f.PaymentId == s.PaymentId && f.Repair is null);
        }
    }

    [Fact]
    public async Task Refund_WhenStaffRefundsADashboardRefundAndADisputeRaceOnePayment_NeverGivesBackMoreThanCapturedAndRecordsEachOnce()
    {
        var probe = new PaymentLedgerProbe(paypal.ConnectionString);
        for (var round = 0; round < Rounds; round++)
        {
            var s = await PaidAsync(skip: 60 + round);
            var total = s.Order.TotalMinor;
            var share = total * 7 / 20;
            var dashboardRefund = paypal.PayPal.RefundInDashboard(s.PayPalOrderId, total / 4);
            var refunded = paypal.PayPal.Event("PAYMENT.CAPTURE.REFUNDED", dashboardRefund);
            var disputeId = $"PP-D-RACE-{round}-{Guid.NewGuid():N}"[..30];
            var disputed = paypal.PayPal.Event("CUSTOMER.DISPUTE.CREATED", Dispute(disputeId, s, total));

            var answers = await Race.AtOnceAsync(
                () => StaffRefundAsync(s, share),
                () => StaffRefundAsync(s, share),
                () => StaffRefundAsync(s, share),
                () => PostWebhookAsync(refunded),
                () => PostWebhookAsync(refunded),
                () => PostWebhookAsync(disputed),
                () => PostWebhookAsync(disputed),
                async () =>
                {
                    await ReconcileAsync();
                    return HttpStatusCode.OK;
                });

            // Whatever a lost race left to the next webhook or run, reconciliation settles now, with nothing to flag.
            var after = await ReconcileAsync();

            var at = $"round {round}: {string.Join(", ", answers)}";
            Assert.True(answers.Skip(3).All(a => a == HttpStatusCode.OK), at);
            var atPayPal = paypal.PayPal.RefundsOf(s.PayPalOrderId);
            var givenBack = atPayPal.Sum(r => Minor(r["amount"]!));
            var money = await probe.MoneyAsync(s.PaymentId);
            Assert.True(givenBack <= total, $"{at}: PayPal gave back {givenBack} of {total}");
            Assert.True(money.RefundedInRows <= money.PaymentAmount, $"{at}: the store recorded {money.RefundedInRows} refunded of {money.PaymentAmount}");
            Assert.Equal(money.RefundedInRows, money.OrderRefunded);
            Assert.Equal(givenBack, money.RefundedInRows);

            // Each PayPal refund is recorded once, and each one the store asked for carries the id of the refund it recorded.
            var recorded = await probe.RefundsAsync(s.PaymentId);
            Assert.Equal(atPayPal.Select(r => (string)r["id"]!).Order(), recorded.Select(r => r.ProviderReference!).Order());
            foreach (var refund in atPayPal.Where(r => (string?)r["custom_id"] is not null))
            {
                Assert.Contains(recorded, r => r.Id.ToString() == (string?)refund["custom_id"] && r.ProviderReference == (string?)refund["id"]);
            }

            // One dashboard refund and as many staff refunds as fit (two of 35 % beside 25 %); the third was refused.
            Assert.Equal(2, answers.Take(3).Count(a => a == HttpStatusCode.OK));
            Assert.Equal(3, atPayPal.Count);
            Assert.Equal(1, await probe.TimelineNotesAsync(s.Order.OrderId, $"Dispute {disputeId} opened"));
            Assert.Equal(1, await probe.OutboxAsync(s.Order.OrderId, "payment.disputed"));
            Assert.DoesNotContain(after, f => f.PaymentId == s.PaymentId);
        }
    }

    private static long Minor(JsonNode money) => (long)(decimal.Parse((string)money["value"]!, CultureInfo.InvariantCulture) * 100);

    private static string Id(string json) => (string)JsonNode.Parse(json)!["id"]!;

    private JsonArray Authorizations(string orderId) => paypal.PayPal.Order(orderId)["purchase_units"]![0]!["payments"]!["authorizations"]!.AsArray();

    /// <summary>An authorisation's or capture's resource as PayPal's webhooks carry it: it names the order and the store's payment.</summary>
    private JsonObject PaymentResource(string prefix, PayPalOrder s) => new()
    {
        ["id"] = prefix + Guid.NewGuid().ToString("N")[..15].ToUpperInvariant(),
        ["status"] = prefix == "3C" ? "COMPLETED" : "CREATED",
        ["amount"] = paypal.PayPal.Order(s.PayPalOrderId)["purchase_units"]![0]!["amount"]!.DeepClone(),
        ["custom_id"] = s.PaymentId.ToString(),
        ["supplementary_data"] = new JsonObject { ["related_ids"] = new JsonObject { ["order_id"] = s.PayPalOrderId } },
    };

    private JsonObject Dispute(string id, PayPalOrder s, long amount) => new()
    {
        ["dispute_id"] = id,
        ["create_time"] = "2026-12-03T10:00:00.000Z",
        ["reason"] = "MERCHANDISE_OR_SERVICE_NOT_RECEIVED",
        ["status"] = "WAITING_FOR_SELLER_RESPONSE",
        ["dispute_amount"] = new JsonObject { ["currency_code"] = s.Order.Currency, ["value"] = (amount / 100m).ToString("F2", CultureInfo.InvariantCulture) },
        ["disputed_transactions"] = new JsonArray(new JsonObject { ["seller_transaction_id"] = paypal.PayPal.CaptureIdOf(s.PayPalOrderId) }),
    };

    private async Task<HttpStatusCode> ReturnAsync(string path)
    {
        using var browser = paypal.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(path);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> PostWebhookAsync((string Json, Dictionary<string, string> Headers) delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/paypal/webhook") { Content = new StringContent(delivery.Json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in delivery.Headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await paypal.App.CreateClient().SendAsync(request);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> StaffRefundAsync(PayPalOrder s, long amount)
    {
        await using var scope = paypal.Scope();
        var refunded = await paypal.Get<OrderAdminService>(scope).RefundAsync(s.Order.OrderId, amount, "Race", restock: false, Staff);
        return refunded.IsSuccess ? HttpStatusCode.OK : HttpStatusCode.Conflict;
    }

    private async Task<IReadOnlyList<ReconciliationFinding>> ReconcileAsync()
    {
        await using var scope = paypal.Scope();
        return await paypal.Get<PaymentReconciliationService>(scope).ReconcileAsync(TimeSpan.FromHours(24));
    }

    private async Task<PayPalOrder> StartedAsync(int skip)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(paypal, 5, skip);
        var order = await StoreScenario.PlaceAsync(paypal, await StoreScenario.GuestCartWithAsync(paypal, variantId, 1));
        await using var scope = paypal.Scope();
        var started = await paypal.Get<PaymentService>(scope).StartAsync(order.OrderId, null);
        Assert.True(started.IsSuccess, started.Error?.Message);
        var payment = await StripeScenario.PaymentAsync(paypal, started.Value.Id);
        return new PayPalOrder(variantId, order, payment.Id, payment.ProviderReference!);
    }

    private async Task<PayPalOrder> PaidAsync(int skip)
    {
        var s = await StartedAsync(skip);
        paypal.PayPal.Approve(s.PayPalOrderId);
        await using var scope = paypal.Scope();
        Assert.Equal(PaymentSyncOutcome.Completed, (await paypal.Get<PaymentService>(scope).SyncWithProviderAsync(s.PaymentId, s.PayPalOrderId, PaymentService.Actor)).Value);
        return s;
    }

    private sealed record PayPalOrder(int VariantId, Store.Infrastructure.Checkout.PlacedOrder Order, Guid PaymentId, string PayPalOrderId);
}
