using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Payments;
using Store.Infrastructure.Common;
using Stripe;
using Stripe.Checkout;

namespace Store.Infrastructure.Payments;

/// <summary>
/// Stripe through Stripe.net: a Checkout Session (Stripe's hosted page) whose PaymentIntent only authorises
/// (capture_method=manual), so the store captures only money it can still sell stock for. Card numbers and CVCs
/// go to Stripe alone. Every create, capture, cancel and refund carries an idempotency key
/// "order:{orderId}:payment:{paymentId}:{step}": Stripe answers a repeated key with the first result, so a retry
/// (ours, or Stripe.net's own network retries) never charges twice. Stripe keeps keys for 24 hours; the payment's
/// own status in the store guards beyond that.
/// </summary>
public sealed class StripePaymentGateway : IPaymentGateway
{
    public const string Name = "stripe";

    private readonly StripeClient client;
    private readonly StripeOptions options;
    private readonly string baseUrl;
    private readonly IClock clock;
    private readonly ILogger<StripePaymentGateway> logger;

    public StripePaymentGateway(IOptions<PaymentOptions> payments, IOptions<ShopOptions> shop, IClock clock, ILogger<StripePaymentGateway> logger)
    {
        options = payments.Value.Stripe;
        client = new StripeClient(new StripeClientOptions { ApiKey = options.SecretKey, ApiBase = options.ApiBase.TrimEnd('/') });
        baseUrl = shop.Value.PublicBaseUrl.TrimEnd('/');
        this.clock = clock;
        this.logger = logger;
    }

    public string Provider => Name;

    public bool IsRemote => true;

    public static string IdempotencyKey(Guid orderId, Guid paymentId, string step) => $"order:{orderId}:payment:{paymentId}:{step}";

    public async Task<Result<HostedPaymentPage>> CreatePageAsync(PaymentPageRequest request, CancellationToken ct)
    {
        var metadata = Metadata(request.OrderId, request.PaymentId);
        var expiresAt = clock.UtcNow.AddMinutes(Math.Clamp(options.CheckoutMinutes, 30, 24 * 60));
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = request.OrderId.ToString(),
            CustomerEmail = request.Email,
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency.ToLowerInvariant(),
                        UnitAmount = request.AmountMinor,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"Order #{request.OrderNumber}" },
                    },
                },
            ],
            PaymentIntentData = new SessionPaymentIntentDataOptions { CaptureMethod = "manual", Metadata = metadata },
            Metadata = metadata,
            SuccessUrl = $"{baseUrl}/orders/{request.OrderId}/confirmation",
            CancelUrl = $"{baseUrl}/orders/{request.OrderId}/pay",
            ExpiresAt = expiresAt.UtcDateTime,
        };

        var session = await CallAsync("create a checkout session", () =>
            new SessionService(client).CreateAsync(create, Key(request.OrderId, request.PaymentId, "create"), ct));
        return session.IsSuccess
            ? new HostedPaymentPage(session.Value.Url, session.Value.Id, expiresAt)
            : session.Error!;
    }

    public async Task<Result<ProviderPayment>> GetAsync(string providerPaymentId, CancellationToken ct)
    {
        var intent = await CallAsync("read a payment", () => new PaymentIntentService(client).GetAsync(providerPaymentId, null, null, ct));
        return intent.IsSuccess ? ToProviderPayment(intent.Value) : intent.Error!;
    }

    public async Task<Result<ProviderPayment>> CaptureAsync(Payment payment, CancellationToken ct)
    {
        if (payment.ProviderPaymentId is null)
        {
            return DomainError.Conflict("payment.provider", "Stripe has not reported this payment yet.");
        }

        var intent = await CallAsync("capture a payment", () =>
            new PaymentIntentService(client).CaptureAsync(payment.ProviderPaymentId, null, Key(payment.OrderId, payment.Id, "capture"), ct));
        return intent.IsSuccess ? ToProviderPayment(intent.Value) : intent.Error!;
    }

    public async Task<Result<bool>> CancelAsync(Payment payment, CancellationToken ct)
    {
        if (payment.ProviderPaymentId is null)
        {
            return true;
        }

        var intent = await CallAsync("release a held payment", () =>
            new PaymentIntentService(client).CancelAsync(payment.ProviderPaymentId, null, Key(payment.OrderId, payment.Id, "cancel"), ct));
        return intent.IsSuccess ? true : intent.Error!;
    }

    public async Task<Result<string>> RefundAsync(Payment payment, string refundId, long amountMinor, CancellationToken ct)
    {
        if (payment.ProviderPaymentId is null)
        {
            return DomainError.Conflict("payment.provider", "Stripe has not reported this payment yet.");
        }

        var refund = await CallAsync("refund a payment", () => new RefundService(client).CreateAsync(
            new RefundCreateOptions
            {
                PaymentIntent = payment.ProviderPaymentId,
                Amount = amountMinor,
                Metadata = new Dictionary<string, string>(Metadata(payment.OrderId, payment.Id)) { ["refund_id"] = refundId },
            },
            Key(payment.OrderId, payment.Id, $"refund:{refundId}"),
            ct));
        return refund.IsSuccess ? refund.Value.Id : refund.Error!;
    }

    public async Task<Result<IReadOnlyList<ProviderPayment>>> ListRecentAsync(DateTimeOffset since, CancellationToken ct)
    {
        try
        {
            var list = new List<ProviderPayment>();
            var query = new PaymentIntentListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = since.UtcDateTime }, Limit = 100 };
            await foreach (var intent in new PaymentIntentService(client).ListAutoPagingAsync(query, null, ct))
            {
                list.Add(ToProviderPayment(intent));
            }

            return list;
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            return Failure("list recent payments", e);
        }
    }

    public async Task<Result<IReadOnlyList<ProviderRefund>>> ListRefundsAsync(string? providerPaymentId, DateTimeOffset? since, CancellationToken ct)
    {
        try
        {
            var list = new List<ProviderRefund>();
            var query = new RefundListOptions
            {
                PaymentIntent = providerPaymentId,
                Created = since is null ? null : new DateRangeOptions { GreaterThanOrEqual = since.Value.UtcDateTime },
                Limit = 100,
            };
            await foreach (var refund in new RefundService(client).ListAutoPagingAsync(query, null, ct))
            {
                if (refund.PaymentIntentId is { } intentId)
                {
                    list.Add(new ProviderRefund(
                        refund.Id,
                        intentId,
                        refund.Metadata is not null && refund.Metadata.TryGetValue("refund_id", out var storeRefundId) ? storeRefundId : null,
                        refund.Status ?? "",
                        refund.Amount,
                        refund.Currency?.ToUpperInvariant() ?? "",
                        refund.Reason,
                        new DateTimeOffset(DateTime.SpecifyKind(refund.Created, DateTimeKind.Utc))));
                }
            }

            return list;
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            return Failure("list refunds", e);
        }
    }

    private static Dictionary<string, string> Metadata(Guid orderId, Guid paymentId) => new()
    {
        ["order_id"] = orderId.ToString(),
        ["payment_id"] = paymentId.ToString(),
    };

    private static RequestOptions Key(Guid orderId, Guid paymentId, string step) => new() { IdempotencyKey = IdempotencyKey(orderId, paymentId, step) };

    private static ProviderPayment ToProviderPayment(PaymentIntent intent)
    {
        var status = intent.Status switch
        {
            "requires_capture" => ProviderPaymentStatus.Authorised,
            "succeeded" => ProviderPaymentStatus.Succeeded,
            "canceled" => ProviderPaymentStatus.Cancelled,
            "requires_payment_method" when intent.LastPaymentError is not null => ProviderPaymentStatus.Failed,
            _ => ProviderPaymentStatus.Open,
        };
        return new ProviderPayment(
            intent.Id,
            MetadataGuid(intent.Metadata, "payment_id"),
            MetadataGuid(intent.Metadata, "order_id"),
            status,
            intent.Amount,
            intent.Currency?.ToUpperInvariant() ?? "",
            intent.LastPaymentError?.Message,
            new DateTimeOffset(DateTime.SpecifyKind(intent.Created, DateTimeKind.Utc)));
    }

    internal static Guid? MetadataGuid(IDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) && Guid.TryParse(value, CultureInfo.InvariantCulture, out var id) ? id : null;

    private async Task<Result<T>> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            return Failure(what, e);
        }
    }

    private DomainError Failure(string what, Exception e)
    {
        var message = (e as StripeException)?.StripeError?.Message ?? e.Message;
        logger.LogWarning(e, "Stripe could not {What}: {Message}", what, message);
        return DomainError.Unavailable("payment.provider", $"Stripe could not {what}: {message}");
    }
}
