using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Infrastructure.Data.Configurations;
using Stripe;
using Stripe.Checkout;

namespace Store.Infrastructure.Payments;

/// <summary>
/// Stripe's webhook: proves the event came from Stripe (the Stripe-Signature header, HMAC-SHA256 with the
/// endpoint's secret, at most five minutes old), then hands the payment it names to
/// <see cref="PaymentService.SyncWithProviderAsync"/>. The event is only a nudge: the payment's state is read
/// back from Stripe, so deliveries may repeat or arrive in any order. Each event id is recorded in the same
/// transaction as its effect and handled once. Refunds (charge.refunded, refund.*) go to
/// <see cref="ProviderRefundService"/>, which reads the payment's refunds back the same way; disputes
/// (charge.dispute.*) to <see cref="DisputeService"/>.
/// </summary>
public sealed class StripeWebhookService(
    PaymentService payments,
    ProviderRefundService refunds,
    DisputeService disputes,
    IOptions<PaymentOptions> options,
    IClock clock,
    ILogger<StripeWebhookService> logger)
{
    /// <summary>Who the timeline and audit log name for what Stripe reports on its own (a dashboard refund, a dispute).</summary>
    public const string Actor = "stripe";

    private const long ToleranceSeconds = 300;

    public async Task<Result<PaymentSyncOutcome>> HandleAsync(string json, string? signature, CancellationToken ct = default)
    {
        var secret = options.Value.Stripe.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return DomainError.NotFound("webhook.disabled", "Stripe webhooks are not configured on this store.");
        }

        Event stripeEvent;
        try
        {
            // The endpoint's API version is chosen in Stripe's dashboard and may differ from Stripe.net's; the few
            // fields read here (ids, metadata, status) are the same in every version, so a mismatch must not drop payments.
            stripeEvent = EventUtility.ConstructEvent(json, signature ?? "", secret, ToleranceSeconds, clock.UtcNow.ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException)
        {
            logger.LogWarning("Rejected a Stripe webhook: {Reason}", e.Message);
            return DomainError.BadRequest("webhook.signature", "The Stripe-Signature header does not prove this payload came from Stripe.");
        }

        if (await payments.IsHandledAsync(StripePaymentGateway.Name, stripeEvent.Id, ct))
        {
            return PaymentSyncOutcome.Duplicate;
        }

        var receipt = new ProcessedWebhookEvent(StripePaymentGateway.Name, stripeEvent.Id, stripeEvent.Type, clock.UtcNow);
        switch (stripeEvent.Data.Object)
        {
            case Charge { PaymentIntentId: { } refundedIntent } when stripeEvent.Type == EventTypes.ChargeRefunded:
                return Log(stripeEvent, await refunds.SyncAsync(StripePaymentGateway.Name, refundedIntent, Actor, receipt, ct));
            case Refund { PaymentIntentId: { } refundIntent }:
                return Log(stripeEvent, await refunds.SyncAsync(StripePaymentGateway.Name, refundIntent, Actor, receipt, ct));
            case Dispute { PaymentIntentId: { } disputedIntent } dispute:
                var news = new ProviderDispute(dispute.Id, disputedIntent, dispute.Status ?? "", dispute.Reason ?? "general", dispute.Amount, dispute.Currency ?? "",
                    new DateTimeOffset(DateTime.SpecifyKind(dispute.Created, DateTimeKind.Utc)));
                return Log(stripeEvent, await disputes.RecordAsync(StripePaymentGateway.Name, news, Actor, receipt, ct));
        }

        var (paymentId, intentId, expired) = stripeEvent.Data.Object switch
        {
            Session session => (StripePaymentGateway.MetadataGuid(session.Metadata, "payment_id"), session.PaymentIntentId, stripeEvent.Type == EventTypes.CheckoutSessionExpired),
            PaymentIntent intent => (StripePaymentGateway.MetadataGuid(intent.Metadata, "payment_id"), intent.Id, false),
            _ => ((Guid?)null, (string?)null, false),
        };
        if (paymentId is null)
        {
            logger.LogInformation("Stripe event {EventId} ({Type}) names no payment of this store; ignored", stripeEvent.Id, stripeEvent.Type);
            return PaymentSyncOutcome.Unchanged;
        }

        var outcome = expired
            ? await payments.ExpirePageAsync(paymentId.Value, receipt, ct)
            : await payments.SyncWithProviderAsync(paymentId.Value, intentId, PaymentService.Actor, receipt, ct: ct);
        logger.LogInformation("Stripe event {EventId} ({Type}) for payment {PaymentId}: {Outcome}", stripeEvent.Id, stripeEvent.Type, paymentId, outcome.IsSuccess ? outcome.Value : outcome.Error!.Message);
        return outcome;
    }

    private Result<PaymentSyncOutcome> Log(Event stripeEvent, Result<PaymentSyncOutcome> outcome)
    {
        logger.LogInformation("Stripe event {EventId} ({Type}): {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome.IsSuccess ? outcome.Value : outcome.Error!.Message);
        return outcome;
    }
}
