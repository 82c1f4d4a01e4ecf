using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Payments;
using Store.Infrastructure.Common;
using Store.Infrastructure.Payments.Square.Generated;
using Money = Store.Infrastructure.Payments.Square.Generated.Money;
using Payment = Store.Domain.Payments.Payment;
using SquarePayment = Store.Infrastructure.Payments.Square.Generated.Payment;

namespace Store.Infrastructure.Payments.Square;

/// <summary>
/// Square through the client generated from Square's Connect API description: a Checkout API payment link
/// (Square's hosted page) for the order's total, whose payment Square completes itself (payment links take the
/// money at once; a captured payment for an order the store can no longer fill is refunded by the shared flow).
/// The store's payment and order ids ride in the payment's note (set by the link's payment_note), since a link's
/// payment carries no other field the store controls. Every create carries an idempotency_key made from
/// "order:{orderId}:payment:{paymentId}:{step}"; Square caps refund keys at 45 characters, so a longer key is
/// sent as its SHA-256 (hex, 40 characters), the same for every retry.
/// </summary>
public sealed partial class SquarePaymentGateway : IPaymentGateway, IDisposable
{
    public const string Name = "square";

    private readonly HttpClient http;
    private readonly SquareClient client;
    private readonly SquareOptions options;
    private readonly string baseUrl;
    private readonly IClock clock;
    private readonly ILogger<SquarePaymentGateway> logger;

    public SquarePaymentGateway(IOptions<PaymentOptions> payments, IOptions<ShopOptions> shop, IClock clock, ILogger<SquarePaymentGateway> logger)
    {
        options = payments.Value.Square;
        http = new HttpClient
        {
            BaseAddress = new Uri(options.ApiBase.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        http.DefaultRequestHeaders.Add("Square-Version", options.ApiVersion);
        client = new SquareClient(http) { ReadResponseAsString = true };
        baseUrl = shop.Value.PublicBaseUrl.TrimEnd('/');
        this.clock = clock;
        this.logger = logger;
    }

    public string Provider => Name;

    public bool IsRemote => true;

    /// <summary>The key as the store names it; <see cref="KeyFor"/> is what Square receives.</summary>
    public static string IdempotencyKey(Guid orderId, Guid paymentId, string step) => $"order:{orderId}:payment:{paymentId}:{step}";

    public static string KeyFor(string key) =>
        key.Length <= 45 ? key : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];

    public void Dispose()
    {
        http.Dispose();
    }

    public async Task<Result<HostedPaymentPage>> CreatePageAsync(PaymentPageRequest request, CancellationToken ct)
    {
        if (!Enum.TryParse<Currency>(request.Currency, ignoreCase: true, out var currency))
        {
            return DomainError.Invalid("payment.currency", $"Square does not take {request.Currency}.");
        }

        var body = new CreatePaymentLinkRequest
        {
            Idempotency_key = KeyFor(IdempotencyKey(request.OrderId, request.PaymentId, "create")),
            Quick_pay = new QuickPay
            {
                Name = $"Order #{request.OrderNumber}",
                Price_money = new Money { Amount = request.AmountMinor, Currency = currency },
                Location_id = options.LocationId!,
            },
            Checkout_options = new CheckoutOptions { Redirect_url = $"{baseUrl}/orders/{request.OrderId}/confirmation", Ask_for_shipping_address = false },
            Pre_populated_data = new PrePopulatedData { Buyer_email = request.Email },
            Payment_note = Note(request.PaymentId, request.OrderId),
        };
        var created = await CallAsync("create a payment link", () => client.CreatePaymentLinkAsync(body, ct));
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        var link = created.Value.Payment_link;
        if (link?.Url is null || link.Order_id is null)
        {
            return DomainError.Unavailable("payment.provider", "Square created the payment link but gave no URL.");
        }

        // The link's order is what the link's payment will name: it is kept as the page's reference.
        return new HostedPaymentPage(link.Url, link.Order_id, clock.UtcNow.AddMinutes(Math.Clamp(options.CheckoutMinutes, 5, 24 * 60)));
    }

    public async Task<Result<ProviderPayment>> GetAsync(string providerPaymentId, CancellationToken ct)
    {
        var read = await CallAsync("read a payment", () => client.GetPaymentAsync(providerPaymentId, ct));
        return read.IsSuccess && read.Value.Payment is { } payment ? ToProviderPayment(payment) : read.Error ?? NoPayment();
    }

    public async Task<Result<ProviderPayment>> CaptureAsync(Payment payment, CancellationToken ct)
    {
        if (payment.ProviderPaymentId is null)
        {
            return DomainError.Conflict("payment.provider", "Square has not reported this payment yet.");
        }

        // Completing an already completed payment is refused; read it back so a retried capture still answers.
        var done = await CallAsync("complete a payment", () => client.CompletePaymentAsync(payment.ProviderPaymentId, new CompletePaymentRequest(), ct));
        return done.IsSuccess && done.Value.Payment is { } completed ? ToProviderPayment(completed) : await GetAsync(payment.ProviderPaymentId, ct);
    }

    public async Task<Result<bool>> CancelAsync(Payment payment, CancellationToken ct)
    {
        if (payment.ProviderPaymentId is null)
        {
            return true;
        }

        var state = await GetAsync(payment.ProviderPaymentId, ct);
        if (!state.IsSuccess)
        {
            return state.Error!;
        }

        if (state.Value.Status != ProviderPaymentStatus.Authorised)
        {
            return true;
        }

        var cancelled = await CallAsync("cancel a payment", () => client.CancelPaymentAsync(payment.ProviderPaymentId, ct));
        return cancelled.IsSuccess ? true : cancelled.Error!;
    }

    public async Task<Result<string>> RefundAsync(Payment payment, string refundId, long amountMinor, CancellationToken ct)
    {
        if (payment.ProviderPaymentId is null)
        {
            return DomainError.Conflict("payment.provider", "Square has not reported this payment yet.");
        }

        if (!Enum.TryParse<Currency>(payment.Currency, ignoreCase: true, out var currency))
        {
            return DomainError.Invalid("payment.currency", $"Square does not take {payment.Currency}.");
        }

        var refund = await CallAsync("refund a payment", () => client.RefundPaymentAsync(new RefundPaymentRequest
        {
            Idempotency_key = KeyFor(IdempotencyKey(payment.OrderId, payment.Id, $"refund:{refundId}")),
            Payment_id = payment.ProviderPaymentId,
            Amount_money = new Money { Amount = amountMinor, Currency = currency },
            Reason = $"Store refund {refundId}",
        }, ct));
        return refund.IsSuccess && refund.Value.Refund?.Id is { } id ? id : refund.Error ?? NoPayment();
    }

    public async Task<Result<IReadOnlyList<ProviderPayment>>> ListRecentAsync(DateTimeOffset since, CancellationToken ct)
    {
        var list = new List<ProviderPayment>();
        string? cursor = null;
        do
        {
            var at = cursor;
            var page = await CallAsync("list recent payments", () =>
                client.ListPaymentsAsync(Rfc3339(since), null, "ASC", at, options.LocationId, null, null, null, 100, null, null, null, null, null, null, ct));
            if (!page.IsSuccess)
            {
                return page.Error!;
            }

            list.AddRange((page.Value.Payments ?? []).Select(ToProviderPayment));
            cursor = page.Value.Cursor;
        }
        while (!string.IsNullOrEmpty(cursor));

        return list;
    }

    public async Task<Result<IReadOnlyList<ProviderRefund>>> ListRefundsAsync(string? providerPaymentId, DateTimeOffset? since, CancellationToken ct)
    {
        var list = new List<ProviderRefund>();
        string? cursor = null;
        do
        {
            var at = cursor;

            // Without begin_time Square lists the last year, which covers any refund of a payment it still shows.
            var page = await CallAsync("list refunds", () =>
                client.ListPaymentRefundsAsync(since is null ? null : Rfc3339(since.Value), null, "ASC", at, options.LocationId, null, null, 100, null, null, null, ct));
            if (!page.IsSuccess)
            {
                return page.Error!;
            }

            foreach (var refund in page.Value.Refunds ?? [])
            {
                if (refund.Payment_id is null || (providerPaymentId is not null && refund.Payment_id != providerPaymentId))
                {
                    continue;
                }

                list.Add(new ProviderRefund(
                    refund.Id,
                    refund.Payment_id,
                    null,
                    refund.Status switch { "COMPLETED" => "succeeded", "PENDING" => "pending", "REJECTED" => "canceled", "FAILED" => "failed", _ => "unknown" },
                    refund.Amount_money.Amount ?? 0,
                    refund.Amount_money.Currency?.ToString() ?? "",
                    refund.Reason,
                    Time(refund.Created_at)));
            }

            cursor = page.Value.Cursor;
        }
        while (!string.IsNullOrEmpty(cursor));

        return list;
    }

    public static string Note(Guid paymentId, Guid orderId) => $"store-payment:{paymentId} store-order:{orderId}";

    /// <summary>The store's payment and order ids from a payment's note, as <see cref="Note"/> wrote them.</summary>
    public static (Guid? PaymentId, Guid? OrderId) FromNote(string? note)
    {
        var match = note is null ? null : NotePattern().Match(note);
        return match is { Success: true }
            ? (Guid.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), Guid.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : (null, null);
    }

    [GeneratedRegex(@"store-payment:([0-9a-fA-F-]{36}) store-order:([0-9a-fA-F-]{36})")]
    private static partial Regex NotePattern();

    private static ProviderPayment ToProviderPayment(SquarePayment payment)
    {
        var (paymentId, orderId) = FromNote(payment.Note);
        var status = payment.Status switch
        {
            "APPROVED" => ProviderPaymentStatus.Authorised,
            "COMPLETED" => ProviderPaymentStatus.Succeeded,
            "CANCELED" => ProviderPaymentStatus.Cancelled,
            "FAILED" => ProviderPaymentStatus.Failed,
            _ => ProviderPaymentStatus.Open,
        };
        return new ProviderPayment(
            payment.Id ?? "",
            paymentId,
            orderId,
            status,
            payment.Amount_money?.Amount ?? 0,
            payment.Amount_money?.Currency?.ToString() ?? "",
            status == ProviderPaymentStatus.Failed ? "Square declined the payment." : null,
            Time(payment.Created_at));
    }

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : DateTimeOffset.UnixEpoch;

    private static DomainError NoPayment() => DomainError.Unavailable("payment.provider", "Square answered without the payment.");

    /// <summary>Square's error body: {"errors": [{"category", "code", "detail", "field"}]}.</summary>
    internal static string IssueOf(string? body)
    {
        try
        {
            using var json = JsonDocument.Parse(body ?? "");
            if (json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) ? c.GetString() : null;
                var detail = first.TryGetProperty("detail", out var d) ? d.GetString() : null;
                return $"{code}: {detail}";
            }
        }
        catch (JsonException)
        {
        }

        return "Square refused the request.";
    }

    private async Task<Result<T>> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is SquareApiException or HttpRequestException or JsonException or TaskCanceledException)
        {
            var (status, body) = e is SquareApiException api ? (api.StatusCode, api.Response) : (0, null);
            var message = e switch
            {
                TaskCanceledException => $"no answer within {options.TimeoutSeconds} s",
                _ when status == 429 => "rate limited (429); try again shortly",
                _ when status >= 400 && body is not null => IssueOf(body),
                _ => $"{e.Message} {e.InnerException?.Message}".Trim(),
            };
            logger.LogWarning(e, "Square could not {What}: {Message}", what, message);
            return status is >= 400 and < 500 and not 429
                ? DomainError.Conflict("payment.provider", $"Square could not {what}: {message}")
                : DomainError.Unavailable("payment.provider", $"Square could not {what}: {message}");
        }
    }
}
