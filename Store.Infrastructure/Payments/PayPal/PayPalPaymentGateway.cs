using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Payments;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Payments.PayPal.Generated.Orders;
using Store.Infrastructure.Payments.PayPal.Generated.Payments;
using Store.Infrastructure.Payments.PayPal.Generated.Webhooks;
using Authorization_statusStatus = Store.Infrastructure.Payments.PayPal.Generated.Orders.Authorization_statusStatus;
using Capture_statusStatus = Store.Infrastructure.Payments.PayPal.Generated.Orders.Capture_statusStatus;
using OrderApiException = Store.Infrastructure.Payments.PayPal.Generated.Orders.PayPalApiException;
using PaymentsApiException = Store.Infrastructure.Payments.PayPal.Generated.Payments.PayPalApiException;
using Refund_statusStatus = Store.Infrastructure.Payments.PayPal.Generated.Orders.Refund_statusStatus;
using WebhooksApiException = Store.Infrastructure.Payments.PayPal.Generated.Webhooks.PayPalApiException;

namespace Store.Infrastructure.Payments.PayPal;

/// <summary>
/// PayPal Checkout through the clients generated from PayPal's Orders v2 and Payments v2 descriptions. The store
/// creates an order with intent AUTHORIZE (the same manual-capture flow as Stripe: money is only held until the
/// store knows it can still sell the stock), sends the buyer to PayPal's approval page, and authorises the approved
/// order when the buyer comes back, a webhook says so, or reconciliation finds it. The PayPal order id is the
/// provider payment id; the store's payment and order ids ride in the purchase unit's custom_id and reference_id.
/// Every POST carries a PayPal-Request-Id "order:{orderId}:payment:{paymentId}:{step}", which PayPal answers with
/// the first result (it keeps them for 72 hours at least, 45 days for refunds).
/// </summary>
public sealed class PayPalPaymentGateway : IPaymentGateway, IDisposable
{
    public const string Name = "paypal";

    private const string Representation = "return=representation";

    private readonly HttpClient http;
    private readonly PayPalOrdersClient orders;
    private readonly PayPalPaymentsClient payments;
    private readonly PayPalWebhooksClient webhooks;
    private readonly PayPalOptions options;
    private readonly string baseUrl;
    private readonly string brand;
    private readonly IServiceScopeFactory scopes;
    private readonly IClock clock;
    private readonly ILogger<PayPalPaymentGateway> logger;

    public PayPalPaymentGateway(
        IOptions<PaymentOptions> payments, IOptions<ShopOptions> shop, IServiceScopeFactory scopes, IClock clock, ILogger<PayPalPaymentGateway> logger)
    {
        options = payments.Value.PayPal;
        Tokens = new PayPalAccessTokenHandler(options, clock) { InnerHandler = new SocketsHttpHandler() };
        http = new HttpClient(Tokens)
        {
            BaseAddress = new Uri(options.ApiBase.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)),
        };
        // Read as text so that an error keeps PayPal's body (name, details[].issue) for the message and the checks.
        orders = new PayPalOrdersClient(http) { ReadResponseAsString = true };
        this.payments = new PayPalPaymentsClient(http) { ReadResponseAsString = true };
        webhooks = new PayPalWebhooksClient(http) { ReadResponseAsString = true };
        baseUrl = shop.Value.PublicBaseUrl.TrimEnd('/');
        brand = string.IsNullOrWhiteSpace(options.BrandName) ? shop.Value.Name : options.BrandName;
        this.scopes = scopes;
        this.clock = clock;
        this.logger = logger;
    }

    public string Provider => Name;

    public bool IsRemote => true;

    /// <summary>How many OAuth tokens this gateway fetched so far (one, until it expires or is revoked).</summary>
    public int TokensIssued => Tokens.TokensIssued;

    private PayPalAccessTokenHandler Tokens { get; }

    public static string RequestId(Guid orderId, Guid paymentId, string step) => $"order:{orderId}:payment:{paymentId}:{step}";

    public void Dispose()
    {
        http.Dispose();
    }

    public async Task<Result<HostedPaymentPage>> CreatePageAsync(PaymentPageRequest request, CancellationToken ct)
    {
        var body = new Order_request
        {
            Intent = Checkout_payment_intent.AUTHORIZE,
            Purchase_units =
            [
                new Purchase_unit_request
                {
                    Reference_id = request.OrderId.ToString(),
                    Custom_id = request.PaymentId.ToString(),
                    Description = $"Order #{request.OrderNumber}",
                    Amount = new Amount_with_breakdown { Currency_code = request.Currency.ToUpperInvariant(), Value = Format(request.AmountMinor, request.Currency) },
                },
            ],
            Payment_source = new Payment_source
            {
                Paypal = new Paypal_wallet
                {
                    Email_address = request.Email,
                    Experience_context = new Paypal_wallet_experience_context
                    {
                        Brand_name = brand.Length > 127 ? brand[..127] : brand,
                        Return_url = new Uri($"{baseUrl}/pay/paypal/return?payment={request.PaymentId}"),
                        Cancel_url = new Uri($"{baseUrl}/orders/{request.OrderId}/pay"),
                        User_action = Paypal_wallet_experience_contextUser_action.PAY_NOW,

                        // The store already has the address and charged its shipping; PayPal must not ask again.
                        Shipping_preference = Paypal_wallet_experience_contextShipping_preference.NO_SHIPPING,
                    },
                },
            },
        };

        var created = await CallAsync("create an order", () =>
            orders.Orders_createAsync(RequestId(request.OrderId, request.PaymentId, "create"), null, null, Representation, body, ct));
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        // "payer-action" when the order names its payment source, "approve" in the older flow.
        var approve = created.Value.Links?.FirstOrDefault(l => l.Rel is "payer-action" or "approve")?.Href;
        if (approve is null || created.Value.Id is null)
        {
            return DomainError.Unavailable("payment.provider", "PayPal created the order but gave no approval link.");
        }

        return new HostedPaymentPage(approve, created.Value.Id, clock.UtcNow.AddMinutes(Math.Clamp(options.ApprovalMinutes, 5, 3 * 60)));
    }

    /// <summary>
    /// The order as PayPal has it now. An approved order is authorised first: approval alone holds no money, and
    /// PayPal lets an approved order lapse if nobody authorises it, so whichever path hears of the approval first
    /// (the buyer's return, the webhook, reconciliation) makes the hold, with one request id between them.
    /// </summary>
    public async Task<Result<ProviderPayment>> GetAsync(string providerPaymentId, CancellationToken ct)
    {
        var read = await CallAsync("read an order", () => orders.Orders_getAsync(providerPaymentId, null, ct));
        if (!read.IsSuccess)
        {
            return read.Error!;
        }

        var order = read.Value;
        if (order.Status != Order_status.APPROVED || order.Intent != Checkout_payment_intent.AUTHORIZE)
        {
            return ToProviderPayment(order.Id, order.Status, order.Purchase_units, order.Create_time, null);
        }

        var unit = order.Purchase_units?.FirstOrDefault();
        if (!Guid.TryParse(unit?.Custom_id, out var paymentId) || !Guid.TryParse(unit?.Reference_id, out var orderId))
        {
            return ToProviderPayment(order.Id, order.Status, order.Purchase_units, order.Create_time, null);
        }

        try
        {
            var authorised = await orders.Orders_authorizeAsync(RequestId(orderId, paymentId, "authorize"), Representation, null, providerPaymentId, null, new Order_authorize_request(), ct);
            return ToProviderPayment(authorised.Id, authorised.Status, authorised.Purchase_units, authorised.Create_time, null);
        }
        catch (OrderApiException e) when (e.StatusCode == 422)
        {
            // The buyer's funding source was refused (INSTRUMENT_DECLINED …): the attempt failed, the buyer may try again.
            return ToProviderPayment(order.Id, order.Status, order.Purchase_units, order.Create_time, IssueOf(e.Response));
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            return Failure("authorise an order", e);
        }
    }

    public async Task<Result<ProviderPayment>> CaptureAsync(Payment payment, CancellationToken ct)
    {
        if (payment.ProviderPaymentId is null)
        {
            return DomainError.Conflict("payment.provider", "PayPal has not reported this payment yet.");
        }

        var read = await CallAsync("read an order", () => orders.Orders_getAsync(payment.ProviderPaymentId, null, ct));
        if (!read.IsSuccess)
        {
            return read.Error!;
        }

        var authorisation = Collection(read.Value.Purchase_units)?.Authorizations?.LastOrDefault();
        if (authorisation?.Id is null)
        {
            return DomainError.Conflict("payment.provider", "PayPal holds no authorisation for this order.");
        }

        var captured = await CallAsync("capture a payment", () => payments.Authorizations_captureAsync(
            authorisation.Id, RequestId(payment.OrderId, payment.Id, "capture"), Representation, new Capture_request { Final_capture = true }, ct));
        if (!captured.IsSuccess)
        {
            return captured.Error!;
        }

        var after = await CallAsync("read an order", () => orders.Orders_getAsync(payment.ProviderPaymentId, null, ct));
        return after.IsSuccess ? ToProviderPayment(after.Value.Id, after.Value.Status, after.Value.Purchase_units, after.Value.Create_time, null) : after.Error!;
    }

    public async Task<Result<bool>> CancelAsync(Payment payment, CancellationToken ct)
    {
        if (payment.ProviderPaymentId is null)
        {
            return true;
        }

        var read = await CallAsync("read an order", () => orders.Orders_getAsync(payment.ProviderPaymentId, null, ct));
        if (!read.IsSuccess)
        {
            return read.Error!;
        }

        // An order that was never authorised holds nothing; PayPal lets it lapse on its own.
        var held = Collection(read.Value.Purchase_units)?.Authorizations?.Where(a => a.Status is Authorization_statusStatus.CREATED or Authorization_statusStatus.PENDING).ToList() ?? [];
        foreach (var authorisation in held)
        {
            try
            {
                await payments.Authorizations_voidAsync(authorisation.Id!, null, Representation, ct);
            }
            catch (PaymentsApiException e) when (e.StatusCode == 422 && e.Response?.Contains("AUTHORIZATION_ALREADY_VOIDED", StringComparison.Ordinal) == true)
            {
                // Void takes no PayPal-Request-Id in PayPal's description: a repeated void is answered this way, and is done.
            }
            catch (Exception e) when (IsCallFailure(e))
            {
                return Failure("release a held payment", e);
            }
        }

        return true;
    }

    public async Task<Result<string>> RefundAsync(Payment payment, string refundId, long amountMinor, CancellationToken ct)
    {
        if (payment.ProviderPaymentId is null)
        {
            return DomainError.Conflict("payment.provider", "PayPal has not reported this payment yet.");
        }

        var read = await CallAsync("read an order", () => orders.Orders_getAsync(payment.ProviderPaymentId, null, ct));
        if (!read.IsSuccess)
        {
            return read.Error!;
        }

        var capture = Collection(read.Value.Purchase_units)?.Captures?.LastOrDefault(c => c.Status is Capture_statusStatus.COMPLETED or Capture_statusStatus.PARTIALLY_REFUNDED);
        if (capture?.Id is null)
        {
            return DomainError.Conflict("payment.provider", "PayPal shows no captured money on this order to refund.");
        }

        var refund = await CallAsync("refund a payment", () => payments.Captures_refundAsync(
            capture.Id,
            RequestId(payment.OrderId, payment.Id, $"refund:{refundId}"),
            Representation,
            null,
            new Refund_request
            {
                Amount = new Generated.Payments.Money { Currency_code = payment.Currency.ToUpperInvariant(), Value = Format(amountMinor, payment.Currency) },
                Custom_id = refundId,
            },
            ct));
        return refund.IsSuccess ? refund.Value.Id! : refund.Error!;
    }

    /// <summary>
    /// PayPal has no "list my orders" call, and its transaction search lags by hours: the orders the store created
    /// since <paramref name="since"/> are read back one by one. Nothing is authorised here (an approved order shows
    /// as authorisable); reconciliation settles what needs it through the payment's own path.
    /// </summary>
    public async Task<Result<IReadOnlyList<ProviderPayment>>> ListRecentAsync(DateTimeOffset since, CancellationToken ct)
    {
        var list = new List<ProviderPayment>();
        foreach (var orderId in await OrdersCreatedSinceAsync(since, ct))
        {
            var read = await CallAsync("read an order", () => orders.Orders_getAsync(orderId, null, ct));
            if (!read.IsSuccess)
            {
                return read.Error!;
            }

            list.Add(ToProviderPayment(read.Value.Id, read.Value.Status, read.Value.Purchase_units, read.Value.Create_time, null));
        }

        return list;
    }

    public async Task<Result<IReadOnlyList<ProviderRefund>>> ListRefundsAsync(string? providerPaymentId, DateTimeOffset? since, CancellationToken ct)
    {
        // Refunds come with their order; a refund made in PayPal's dashboard weeks after the sale still shows on it.
        var orderIds = providerPaymentId is not null ? [providerPaymentId] : await OrdersCreatedSinceAsync((since ?? clock.UtcNow).AddDays(-30), ct);
        var list = new List<ProviderRefund>();
        foreach (var orderId in orderIds)
        {
            var read = await CallAsync("read an order", () => orders.Orders_getAsync(orderId, null, ct));
            if (!read.IsSuccess)
            {
                return read.Error!;
            }

            foreach (var refund in Collection(read.Value.Purchase_units)?.Refunds ?? [])
            {
                var created = Time(refund.Create_time);
                if (refund.Id is null || refund.Amount is null || (since is not null && providerPaymentId is null && created < since))
                {
                    continue;
                }

                list.Add(new ProviderRefund(
                    refund.Id,
                    orderId,
                    refund.Custom_id,
                    refund.Status switch
                    {
                        Refund_statusStatus.COMPLETED => "succeeded",
                        Refund_statusStatus.PENDING => "pending",
                        Refund_statusStatus.FAILED => "failed",
                        Refund_statusStatus.CANCELLED => "canceled",
                        _ => "unknown",
                    },
                    Parse(refund.Amount.Value, refund.Amount.Currency_code),
                    refund.Amount.Currency_code.ToUpperInvariant(),
                    refund.Note_to_payer,
                    created));
            }
        }

        return list;
    }

    /// <summary>The PayPal order a capture belongs to, for news that names only the capture (refunds, disputes).</summary>
    public async Task<Result<string?>> OrderOfCaptureAsync(string captureId, CancellationToken ct)
    {
        var capture = await CallAsync("read a capture", () => payments.Captures_getAsync(captureId, ct));
        return capture.IsSuccess ? capture.Value.Supplementary_data?.Related_ids?.Order_id : capture.Error!;
    }

    /// <summary>PayPal's own verdict on a webhook delivery; false when it says FAILURE.</summary>
    public async Task<Result<bool>> VerifyAsync(Verify_webhook_signature request, CancellationToken ct)
    {
        var answer = await CallAsync("verify a webhook signature", () => webhooks.VerifyWebhookSignature_postAsync(request, ct));
        return answer.IsSuccess ? answer.Value.Verification_status == Verify_webhook_signature_responseVerification_status.SUCCESS : answer.Error!;
    }

    public static string Format(long minor, string currency) =>
        Currencies.ToMajor(minor, currency).ToString("F" + Currencies.MinorDigits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static long Parse(string value, string currency) =>
        Currencies.ToMinor(decimal.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), currency);

    private async Task<IReadOnlyList<string>> OrdersCreatedSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        return await db.Payments.AsNoTracking()
            .Where(p => p.Provider == Name && p.CreatedAt >= since && p.ProviderReference != null)
            .OrderBy(p => p.CreatedAt)
            .Select(p => p.ProviderReference!)
            .ToListAsync(ct);
    }

    private static Payment_collection? Collection(List<Purchase_unit>? units) => units?.FirstOrDefault()?.Payments;

    private static ProviderPayment ToProviderPayment(string? id, Order_status? status, List<Purchase_unit>? units, string? createTime, string? failure)
    {
        var unit = units?.FirstOrDefault();
        var collection = unit?.Payments;
        var capture = collection?.Captures?.LastOrDefault();
        var authorisation = collection?.Authorizations?.LastOrDefault();
        var state = (capture?.Status, authorisation?.Status, status) switch
        {
            (Capture_statusStatus.COMPLETED or Capture_statusStatus.PARTIALLY_REFUNDED or Capture_statusStatus.REFUNDED, _, _) => ProviderPaymentStatus.Succeeded,
            (Capture_statusStatus.DECLINED or Capture_statusStatus.FAILED, _, _) => ProviderPaymentStatus.Failed,
            (Capture_statusStatus.PENDING, _, _) => ProviderPaymentStatus.Open,
            (_, Authorization_statusStatus.CREATED, _) => ProviderPaymentStatus.Authorised,
            (_, Authorization_statusStatus.VOIDED, _) => ProviderPaymentStatus.Cancelled,
            (_, Authorization_statusStatus.DENIED, _) => ProviderPaymentStatus.Failed,
            (_, _, Order_status.VOIDED) => ProviderPaymentStatus.Cancelled,
            (_, _, Order_status.APPROVED) when failure is not null => ProviderPaymentStatus.Failed,

            // Approved and not yet authorised: the buyer agreed, and the next GetAsync makes the hold.
            (_, _, Order_status.APPROVED) => ProviderPaymentStatus.Authorised,
            _ => ProviderPaymentStatus.Open,
        };
        var amount = unit?.Amount;
        return new ProviderPayment(
            id ?? "",
            Guid.TryParse(unit?.Custom_id, CultureInfo.InvariantCulture, out var paymentId) ? paymentId : null,
            Guid.TryParse(unit?.Reference_id, CultureInfo.InvariantCulture, out var orderId) ? orderId : null,
            state,
            amount is null ? 0 : Parse(amount.Value, amount.Currency_code),
            amount?.Currency_code.ToUpperInvariant() ?? "",
            failure ?? (state == ProviderPaymentStatus.Failed ? "PayPal declined the payment." : null),
            Time(createTime));
    }

    private static DateTimeOffset Time(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : DateTimeOffset.UnixEpoch;

    /// <summary>PayPal's error body: {"name", "message", "details": [{"issue", "description"}], "debug_id"}.</summary>
    internal static string IssueOf(string? body)
    {
        try
        {
            using var json = JsonDocument.Parse(body ?? "");
            var root = json.RootElement;
            var detail = root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array && details.GetArrayLength() > 0 ? details[0] : default;
            var issue = detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("issue", out var i) ? i.GetString() : null;
            var description = detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("description", out var d) ? d.GetString() : null;
            var message = root.TryGetProperty("message", out var m) ? m.GetString() : null;
            return issue is null ? message ?? "PayPal refused the request." : $"{issue}: {description ?? message}";
        }
        catch (JsonException)
        {
            return "PayPal refused the request.";
        }
    }

    private static bool IsCallFailure(Exception e) =>
        e is OrderApiException or PaymentsApiException or WebhooksApiException or HttpRequestException or JsonException or TaskCanceledException;

    private async Task<Result<T>> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            return Failure(what, e);
        }
    }

    private DomainError Failure(string what, Exception e)
    {
        var (status, body) = e switch
        {
            OrderApiException o => (o.StatusCode, o.Response),
            PaymentsApiException p => (p.StatusCode, p.Response),
            WebhooksApiException w => (w.StatusCode, w.Response),
            _ => (0, null),
        };
        var message = e switch
        {
            TaskCanceledException => $"no answer within {options.TimeoutSeconds} s",
            _ when status == 429 => "rate limited (429); try again shortly",
            _ when status >= 400 && body is not null => IssueOf(body),

            // A success whose body does not fit the description: say so, it is not PayPal refusing.
            _ => $"{e.Message} {e.InnerException?.Message}".Trim(),
        };
        logger.LogWarning(e, "PayPal could not {What}: {Message}", what, message);

        // A refusal of the request itself (4xx but 429) is final for this step; anything else is worth a retry.
        return status is >= 400 and < 500 and not 429
            ? DomainError.Conflict("payment.provider", $"PayPal could not {what}: {message}")
            : DomainError.Unavailable("payment.provider", $"PayPal could not {what}: {message}");
    }
}
