using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Tests.Support;

namespace Store.Tests.Features.Payments;

/// <summary>
/// Everything that can settle one Square payment, at once, against the real PostgreSQL, round after round: the
/// payment.created and payment.updated webhooks with their redeliveries and reconciliation twice. Then refunds by
/// staff, a dashboard refund's webhook and a dispute with their redeliveries, all at once. Counts are taken at the
/// Square stand-in and in SQL.
/// </summary>
public class SquareRaceTests(SquareFixture square) : IClassFixture<SquareFixture>
{
    public const int Rounds = 8;

    private const string Staff = "staff@store.local";

    [Fact]
    public async Task SettlePayment_WhenWebhooksAndReconciliationRaceRoundAfterRound_PaysTheOrderOnce()
    {
        var probe = new PaymentLedgerProbe(square.ConnectionString);
        for (var round = 0; round < Rounds; round++)
        {
            var s = await StartedAsync(skip: 40 + round);
            var paymentId = square.Square.PayOnHostedPage(s.SquareOrderId);
            var created = square.Square.Event("payment.created", "payment", square.Square.Payment(paymentId));
            var updated = square.Square.Event("payment.updated", "payment", square.Square.Payment(paymentId));
            IReadOnlyList<ReconciliationFinding> first = [], second = [];

            var answers = await Race.AtOnceAsync(
                () => PostWebhookAsync(created),
                () => PostWebhookAsync(created),
                () => PostWebhookAsync(updated),
                () => PostWebhookAsync(updated),
                () => PostWebhookAsync(updated),
                async () =>
                {
                    first = await ReconcileAsync();
                    return HttpStatusCode.OK;
                },
                async () =>
                {
                    second = await ReconcileAsync();
                    return HttpStatusCode.OK;
                });

            var at = $"round {round}: {string.Join(", ", answers)}";
            Assert.True(answers.All(a => a == HttpStatusCode.OK), at);
            var money = await probe.MoneyAsync(s.PaymentId);
            Assert.Equal("Succeeded", money.PaymentStatus);
            Assert.Equal(1, await probe.AuditAsync(s.PaymentId, "payment.succeeded"));
            Assert.Equal(1, await probe.TransitionsAsync(s.Order.OrderId, "Paid"));
            Assert.Equal(1, await probe.OutboxAsync(s.Order.OrderId, "order.paid"));
            Assert.Equal(2, await probe.WebhookReceiptsAsync("square", [EventId(created.Json), EventId(updated.Json)]));
            Assert.Equal((4, 0), await StoreScenario.StockAsync(square, s.VariantId));

            // Square took the money at once: nothing is completed, cancelled or refunded on top.
            Assert.DoesNotContain(square.Square.Calls, c => c.Path.Contains(paymentId, StringComparison.Ordinal) && c.Method == "POST");
            Assert.DoesNotContain(square.Square.Calls, c => c.Path == "/v2/refunds" && c.Body.Contains(paymentId, StringComparison.Ordinal));
            Assert.DoesNotContain(first.Concat(second), f => f.Check == "paid-order-without-charge");
            Assert.DoesNotContain(first.Concat(second), f => f.PaymentId == s.PaymentId && f.Repair is null);
        }
    }

    [Fact]
    public async Task Refund_WhenStaffRefundsADashboardRefundAndADisputeRaceOnePayment_NeverGivesBackMoreThanPaidAndRecordsEachOnce()
    {
        var probe = new PaymentLedgerProbe(square.ConnectionString);
        for (var round = 0; round < Rounds; round++)
        {
            var s = await StartedAsync(skip: 60 + round);
            var paymentId = square.Square.PayOnHostedPage(s.SquareOrderId);
            await using (var scope = square.Scope())
            {
                Assert.Equal(PaymentSyncOutcome.Completed, (await square.Get<PaymentService>(scope).SyncWithProviderAsync(s.PaymentId, paymentId, PaymentService.Actor)).Value);
            }

            var total = s.Order.TotalMinor;
            var dashboardRefund = square.Square.RefundInDashboard(paymentId, total / 4);
            var refunded = square.Square.Event("refund.updated", "refund", square.Square.RefundsOf(paymentId).Single(r => (string?)r["id"] == dashboardRefund));
            var disputeId = $"SQ-D-{round}-{Guid.NewGuid():N}"[..24];
            var disputed = square.Square.Event("dispute.created", "dispute", Dispute(disputeId, paymentId, total, s.Order.Currency));

            var answers = await Race.AtOnceAsync(
                () => StaffRefundAsync(s, total * 7 / 20),
                () => StaffRefundAsync(s, total * 7 / 20),
                () => StaffRefundAsync(s, total * 7 / 20),
                () => PostWebhookAsync(refunded),
                () => PostWebhookAsync(refunded),
                () => PostWebhookAsync(disputed),
                () => PostWebhookAsync(disputed),
                async () =>
                {
                    await ReconcileAsync();
                    return HttpStatusCode.OK;
                });
            var after = await ReconcileAsync();

            var at = $"round {round}: {string.Join(", ", answers)}";
            Assert.True(answers.Skip(3).All(a => a == HttpStatusCode.OK), at);
            var atSquare = square.Square.RefundsOf(paymentId);
            var givenBack = atSquare.Sum(r => (long)r["amount_money"]!["amount"]!);
            var money = await probe.MoneyAsync(s.PaymentId);
            Assert.True(givenBack <= total, $"{at}: Square gave back {givenBack} of {total}");
            Assert.True(money.RefundedInRows <= money.PaymentAmount, $"{at}: the store recorded {money.RefundedInRows} refunded of {money.PaymentAmount}");
            Assert.Equal(money.RefundedInRows, money.OrderRefunded);
            Assert.Equal(givenBack, money.RefundedInRows);
            var recorded = await probe.RefundsAsync(s.PaymentId);
            Assert.Equal(atSquare.Select(r => (string)r["id"]!).Order(), recorded.Select(r => r.ProviderReference!).Order());
            Assert.Equal(2, answers.Take(3).Count(a => a == HttpStatusCode.OK));
            Assert.Equal(3, atSquare.Count);
            Assert.Equal(1, await probe.TimelineNotesAsync(s.Order.OrderId, $"Dispute {disputeId} opened"));
            Assert.Equal(1, await probe.OutboxAsync(s.Order.OrderId, "payment.disputed"));
            Assert.DoesNotContain(after, f => f.PaymentId == s.PaymentId);
        }
    }

    private static string EventId(string json) => (string)JsonNode.Parse(json)!["event_id"]!;

    /// <summary>A dispute as Square's dispute.* webhooks carry it.</summary>
    private static JsonObject Dispute(string id, string paymentId, long amount, string currency) => new()
    {
        ["id"] = id,
        ["dispute_id"] = id,
        ["amount_money"] = new JsonObject { ["amount"] = amount, ["currency"] = currency },
        ["reason"] = "NOT_AS_DESCRIBED",
        ["state"] = "EVIDENCE_REQUIRED",
        ["disputed_payment"] = new JsonObject { ["payment_id"] = paymentId },
        ["card_brand"] = "VISA",
        ["created_at"] = "2026-12-03T10:00:00.000Z",
    };

    private async Task<HttpStatusCode> PostWebhookAsync((string Json, string Signature) delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/square/webhook") { Content = new StringContent(delivery.Json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-square-hmacsha256-signature", delivery.Signature);
        using var response = await square.App.CreateClient().SendAsync(request);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> StaffRefundAsync(SquareOrder s, long amount)
    {
        await using var scope = square.Scope();
        var refunded = await square.Get<OrderAdminService>(scope).RefundAsync(s.Order.OrderId, amount, "Race", restock: false, Staff);
        return refunded.IsSuccess ? HttpStatusCode.OK : HttpStatusCode.Conflict;
    }

    private async Task<IReadOnlyList<ReconciliationFinding>> ReconcileAsync()
    {
        await using var scope = square.Scope();
        return await square.Get<PaymentReconciliationService>(scope).ReconcileAsync(TimeSpan.FromHours(24));
    }

    private async Task<SquareOrder> StartedAsync(int skip)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(square, 5, skip);
        var order = await StoreScenario.PlaceAsync(square, await StoreScenario.GuestCartWithAsync(square, variantId, 1));
        await using var scope = square.Scope();
        var started = await square.Get<PaymentService>(scope).StartAsync(order.OrderId, null);
        Assert.True(started.IsSuccess, started.Error?.Message);
        var payment = await StripeScenario.PaymentAsync(square, started.Value.Id);
        return new SquareOrder(variantId, order, payment.Id, payment.ProviderReference!);
    }

    private sealed record SquareOrder(int VariantId, Store.Infrastructure.Checkout.PlacedOrder Order, Guid PaymentId, string SquareOrderId);
}
