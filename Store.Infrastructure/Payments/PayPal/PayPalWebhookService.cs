using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Infrastructure.Data.Configurations;
using Store.Infrastructure.Payments.PayPal.Generated.Webhooks;

namespace Store.Infrastructure.Payments.PayPal;

/// <summary>The PAYPAL-* headers of a webhook delivery, which PayPal's verify-webhook-signature checks.</summary>
public sealed record PayPalWebhookHeaders(string? TransmissionId, string? TransmissionTime, string? TransmissionSig, string? CertUrl, string? AuthAlgo);

/// <summary>
/// PayPal's webhook: the delivery is proven by asking PayPal itself (verify-webhook-signature, through the client
/// generated from the Webhooks description), which checks the certificate chain and the signature over the
/// transmission id, time, webhook id and a checksum of the body; so the event goes back to it as the very bytes that
/// were posted (PayPal's docs: "the webhook event exactly as received"), never parsed and re-serialised. Like Stripe's, an event is only a nudge: the order is read back
/// from PayPal under the payment's lock, each event id is recorded in the same transaction as its effect and
/// handled once. Refunds (PAYMENT.CAPTURE.REFUNDED / REVERSED) go to <see cref="ProviderRefundService"/>, disputes
/// (CUSTOMER.DISPUTE.*) to <see cref="DisputeService"/>; both name only the capture, whose order PayPal tells.
/// </summary>
public sealed class PayPalWebhookService(
    PaymentService payments,
    ProviderRefundService refunds,
    DisputeService disputes,
    PaymentGateways gateways,
    IOptions<PaymentOptions> options,
    IClock clock,
    ILogger<PayPalWebhookService> logger)
{
    /// <summary>Who the timeline and audit log name for what PayPal reports on its own (a dashboard refund, a dispute).</summary>
    public const string Actor = "paypal";

    /// <param name="body">The body exactly as posted: PayPal's verification is asked about these bytes, not a re-serialised copy.</param>
    public async Task<Result<PaymentSyncOutcome>> HandleAsync(ReadOnlyMemory<byte> body, PayPalWebhookHeaders headers, CancellationToken ct = default)
    {
        var webhookId = options.Value.PayPal.WebhookId;
        if (string.IsNullOrWhiteSpace(webhookId) || gateways.Find(PayPalPaymentGateway.Name) is not PayPalPaymentGateway gateway)
        {
            return DomainError.NotFound("webhook.disabled", "PayPal webhooks are not configured on this store.");
        }

        var paypalEvent = Event.FromReceived(body);
        if (paypalEvent?.Id is null || paypalEvent.Event_type is null || paypalEvent.Resource is not JsonElement resource || resource.ValueKind != JsonValueKind.Object
            || headers.TransmissionId is null || headers.TransmissionSig is null || headers.AuthAlgo is null
            || !Uri.TryCreate(headers.CertUrl, UriKind.Absolute, out var certUrl)
            || !DateTimeOffset.TryParse(headers.TransmissionTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt))
        {
            return DomainError.BadRequest("webhook.signature", "This is not a PayPal webhook delivery (event or PAYPAL-* headers missing).");
        }

        var verified = await gateway.VerifyAsync(new Verify_webhook_signature
        {
            Auth_algo = headers.AuthAlgo,
            Cert_url = certUrl,
            Transmission_id = headers.TransmissionId,
            Transmission_sig = headers.TransmissionSig,
            Transmission_time = sentAt,
            Webhook_id = webhookId,
            Webhook_event = paypalEvent,
        }, ct);
        if (!verified.IsSuccess)
        {
            return verified.Error!;
        }

        if (!verified.Value)
        {
            logger.LogWarning("Rejected a PayPal webhook {EventId}: PayPal did not verify its signature", paypalEvent.Id);
            return DomainError.BadRequest("webhook.signature", "PayPal did not verify the signature of this delivery.");
        }

        if (await payments.IsHandledAsync(PayPalPaymentGateway.Name, paypalEvent.Id, ct))
        {
            return PaymentSyncOutcome.Duplicate;
        }

        var receipt = new ProcessedWebhookEvent(PayPalPaymentGateway.Name, paypalEvent.Id, paypalEvent.Event_type, clock.UtcNow);
        var outcome = await DispatchAsync(gateway, paypalEvent.Event_type, resource, receipt, ct);
        logger.LogInformation("PayPal event {EventId} ({Type}): {Outcome}", paypalEvent.Id, paypalEvent.Event_type, outcome.IsSuccess ? outcome.Value : outcome.Error!.Message);
        return outcome;
    }

    private async Task<Result<PaymentSyncOutcome>> DispatchAsync(
        PayPalPaymentGateway gateway, string type, JsonElement resource, ProcessedWebhookEvent receipt, CancellationToken ct)
    {
        switch (type)
        {
            case "PAYMENT.CAPTURE.REFUNDED" or "PAYMENT.CAPTURE.REVERSED":
                // The resource is the refund; its "up" link names the capture it gave back.
                if (Link(resource, "up")?.Split('/').LastOrDefault() is not { Length: > 0 } refundedCapture)
                {
                    return PaymentSyncOutcome.Unchanged;
                }

                var refundedOrder = await gateway.OrderOfCaptureAsync(refundedCapture, ct);
                if (!refundedOrder.IsSuccess)
                {
                    return refundedOrder.Error!;
                }

                return refundedOrder.Value is { } orderOfRefund
                    ? await refunds.SyncAsync(PayPalPaymentGateway.Name, orderOfRefund, Actor, receipt, ct)
                    : PaymentSyncOutcome.Unchanged;

            case "CUSTOMER.DISPUTE.CREATED" or "CUSTOMER.DISPUTE.UPDATED" or "CUSTOMER.DISPUTE.RESOLVED":
                return await DisputeAsync(gateway, resource, receipt, ct);
        }

        // Order and payment events: CHECKOUT.ORDER.APPROVED names the order; PAYMENT.AUTHORIZATION.* and
        // PAYMENT.CAPTURE.* name it in supplementary_data. Both carry the store's payment id as custom_id.
        var orderId = type.StartsWith("CHECKOUT.ORDER.", StringComparison.Ordinal)
            ? Text(resource, "id")
            : Text(resource, "supplementary_data", "related_ids", "order_id");
        var customId = type.StartsWith("CHECKOUT.ORDER.", StringComparison.Ordinal)
            ? (resource.TryGetProperty("purchase_units", out var units) && units.ValueKind == JsonValueKind.Array && units.GetArrayLength() > 0 ? Text(units[0], "custom_id") : null)
            : Text(resource, "custom_id");
        if (orderId is null || !Guid.TryParse(customId, CultureInfo.InvariantCulture, out var paymentId))
        {
            logger.LogInformation("PayPal event {Type} names no payment of this store; ignored", type);
            return PaymentSyncOutcome.Unchanged;
        }

        return await payments.SyncWithProviderAsync(paymentId, orderId, PaymentService.Actor, receipt, ct: ct);
    }

    private async Task<Result<PaymentSyncOutcome>> DisputeAsync(PayPalPaymentGateway gateway, JsonElement dispute, ProcessedWebhookEvent receipt, CancellationToken ct)
    {
        var captureId = dispute.TryGetProperty("disputed_transactions", out var transactions) && transactions.ValueKind == JsonValueKind.Array && transactions.GetArrayLength() > 0
            ? Text(transactions[0], "seller_transaction_id")
            : null;
        var id = Text(dispute, "dispute_id");
        var amount = dispute.TryGetProperty("dispute_amount", out var money) ? money : default;
        var currency = amount.ValueKind == JsonValueKind.Object ? Text(amount, "currency_code") : null;
        var value = amount.ValueKind == JsonValueKind.Object ? Text(amount, "value") : null;
        if (captureId is null || id is null || currency is null || value is null)
        {
            return PaymentSyncOutcome.Unchanged;
        }

        var order = await gateway.OrderOfCaptureAsync(captureId, ct);
        if (!order.IsSuccess)
        {
            return order.Error!;
        }

        if (order.Value is null)
        {
            return PaymentSyncOutcome.Unchanged;
        }

        // PayPal's words mapped onto the ones the store's disputes keep (Stripe's).
        var outcome = Text(dispute, "dispute_outcome", "outcome_code");
        var status = (Text(dispute, "status"), outcome) switch
        {
            ("RESOLVED", "RESOLVED_BUYER_FAVOUR" or "RESOLVED_WITH_PAYOUT") => "lost",
            ("RESOLVED", "RESOLVED_SELLER_FAVOUR") => "won",
            ("RESOLVED", _) => "warning_closed",
            _ => "needs_response",
        };
        var created = DateTimeOffset.TryParse(Text(dispute, "create_time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : clock.UtcNow;
        var news = new ProviderDispute(id, order.Value, status, (Text(dispute, "reason") ?? "general").ToLowerInvariant(),
            PayPalPaymentGateway.Parse(value, currency), currency.ToUpperInvariant(), created.ToUniversalTime());
        return await disputes.RecordAsync(PayPalPaymentGateway.Name, news, Actor, receipt, ct);
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static string? Link(JsonElement resource, string rel) =>
        resource.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array
            ? links.EnumerateArray().Where(l => Text(l, "rel") == rel).Select(l => Text(l, "href")).FirstOrDefault()
            : null;
}
