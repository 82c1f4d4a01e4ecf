using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Infrastructure.Data.Configurations;

namespace Store.Infrastructure.Payments.Square;

/// <summary>
/// Square's webhook: the x-square-hmacsha256-signature header is the Base64 HMAC-SHA256, keyed with the
/// subscription's signature key, of the notification URL followed by the exact body (Square's scheme), compared in
/// constant time. An event is only a nudge, as for Stripe: payment.* events name the payment, which is read back
/// from Square under the payment's lock; refund.* go to <see cref="ProviderRefundService"/>, dispute.* to
/// <see cref="DisputeService"/>. Each event_id is recorded in the same transaction as its effect and handled once.
/// </summary>
public sealed class SquareWebhookService(
    PaymentService payments,
    ProviderRefundService refunds,
    DisputeService disputes,
    IOptions<PaymentOptions> options,
    IClock clock,
    ILogger<SquareWebhookService> logger)
{
    public const string Actor = "square";

    public static string Sign(string signatureKey, string notificationUrl, string body) =>
        Sign(signatureKey, notificationUrl, Encoding.UTF8.GetBytes(body));

    /// <summary>
    /// Over the URL as configured (the one entered in Square's subscription, not the address this request reached
    /// through a proxy) followed by the body's own bytes, not a decoded and re-encoded copy.
    /// </summary>
    public static string Sign(string signatureKey, string notificationUrl, ReadOnlySpan<byte> body)
    {
        var url = Encoding.UTF8.GetBytes(notificationUrl);
        var signed = new byte[url.Length + body.Length];
        url.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(url.Length));
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signatureKey), signed));
    }

    /// <param name="body">The body exactly as posted: Square signs these bytes.</param>
    public async Task<Result<PaymentSyncOutcome>> HandleAsync(ReadOnlyMemory<byte> body, string? signature, CancellationToken ct = default)
    {
        var square = options.Value.Square;
        if (string.IsNullOrWhiteSpace(square.WebhookSignatureKey) || string.IsNullOrWhiteSpace(square.WebhookUrl) || !square.IsConfigured)
        {
            return DomainError.NotFound("webhook.disabled", "Square webhooks are not configured on this store.");
        }

        var expected = Encoding.ASCII.GetBytes(Sign(square.WebhookSignatureKey, square.WebhookUrl, body.Span));
        if (signature is null || !CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            logger.LogWarning("Rejected a Square webhook: the signature does not match");
            return DomainError.BadRequest("webhook.signature", "The x-square-hmacsha256-signature header does not prove this payload came from Square.");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return DomainError.BadRequest("webhook.body", "The body is not JSON.");
        }

        var eventId = Text(root, "event_id");
        var type = Text(root, "type");
        if (eventId is null || type is null || !root.TryGetProperty("data", out var data) || !data.TryGetProperty("object", out var item))
        {
            return DomainError.BadRequest("webhook.body", "The body is not a Square event.");
        }

        if (await payments.IsHandledAsync(SquarePaymentGateway.Name, eventId, ct))
        {
            return PaymentSyncOutcome.Duplicate;
        }

        var receipt = new ProcessedWebhookEvent(SquarePaymentGateway.Name, eventId, type, clock.UtcNow);
        var outcome = await DispatchAsync(type, item, receipt, ct);
        logger.LogInformation("Square event {EventId} ({Type}): {Outcome}", eventId, type, outcome.IsSuccess ? outcome.Value : outcome.Error!.Message);
        return outcome;
    }

    private async Task<Result<PaymentSyncOutcome>> DispatchAsync(string type, JsonElement item, ProcessedWebhookEvent receipt, CancellationToken ct)
    {
        if (type.StartsWith("refund.", StringComparison.Ordinal) && item.TryGetProperty("refund", out var refund) && Text(refund, "payment_id") is { } refundedPayment)
        {
            return await refunds.SyncAsync(SquarePaymentGateway.Name, refundedPayment, Actor, receipt, ct);
        }

        if (type.StartsWith("dispute.", StringComparison.Ordinal) && item.TryGetProperty("dispute", out var dispute))
        {
            var disputedPayment = dispute.TryGetProperty("disputed_payment", out var disputed) ? Text(disputed, "payment_id") : null;
            var id = Text(dispute, "dispute_id") ?? Text(dispute, "id");
            var money = dispute.TryGetProperty("amount_money", out var m) ? m : default;
            if (disputedPayment is null || id is null || money.ValueKind != JsonValueKind.Object)
            {
                return PaymentSyncOutcome.Unchanged;
            }

            // Square's states mapped onto the words the store's disputes keep (Stripe's).
            var status = Text(dispute, "state") switch
            {
                "WON" => "won",
                "LOST" => "lost",
                "ACCEPTED" => "lost",
                _ => "needs_response",
            };
            var created = DateTimeOffset.TryParse(Text(dispute, "created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : clock.UtcNow;
            var news = new ProviderDispute(id, disputedPayment, status, (Text(dispute, "reason") ?? "general").ToLowerInvariant(),
                money.TryGetProperty("amount", out var amount) && amount.TryGetInt64(out var minor) ? minor : 0,
                Text(money, "currency") ?? "", created.ToUniversalTime());
            return await disputes.RecordAsync(SquarePaymentGateway.Name, news, Actor, receipt, ct);
        }

        if (type.StartsWith("payment.", StringComparison.Ordinal) && item.TryGetProperty("payment", out var payment))
        {
            var (paymentId, _) = SquarePaymentGateway.FromNote(Text(payment, "note"));
            var squareId = Text(payment, "id");
            if (paymentId is not null && squareId is not null)
            {
                return await payments.SyncWithProviderAsync(paymentId.Value, squareId, PaymentService.Actor, receipt, ct: ct);
            }
        }

        logger.LogInformation("Square event {Type} names no payment of this store; ignored", type);
        return PaymentSyncOutcome.Unchanged;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
