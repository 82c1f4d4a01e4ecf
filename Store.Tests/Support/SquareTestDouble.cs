using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Store.Infrastructure.Payments.Square;

namespace Store.Tests.Support;

/// <summary>
/// A local stand-in for the Square calls the store makes (Checkout API payment links, Payments, Refunds),
/// answering with the shapes of Square's Connect description and its error body ({"errors": [{"category",
/// "code", "detail", "field"}]}). It keeps Square's rules that matter: a bearer access token and a Square-Version
/// header, idempotency_key answering the first response again (and refusing a key longer than 45 characters on
/// refunds), payment links at the configured location only, refunds up to what was paid. The test plays the
/// shopper on Square's page with <see cref="PayOnHostedPage"/> and builds signed webhook events with <see cref="Event"/>.
/// </summary>
public sealed class SquareTestDouble : FakeProviderServer
{
    public const string AccessToken = "EAAAEsquare-double-token";
    public const string LocationId = "LDOUBLE0001";
    public const string SignatureKey = "square-double-signature-key";
    public const string NotificationUrl = "https://shop.example/api/payments/square/webhook";

    private readonly Dictionary<string, JsonObject> links = [];
    private readonly Dictionary<string, JsonObject> payments = [];
    private readonly Dictionary<string, JsonObject> refunds = [];
    private int sequence;

    public static async Task<SquareTestDouble> StartAsync()
    {
        var square = new SquareTestDouble();
        await square.StartServerAsync();
        return square;
    }

    public JsonObject Payment(string id)
    {
        lock (Gate)
        {
            return payments[id].DeepClone().AsObject();
        }
    }

    public IReadOnlyList<JsonObject> RefundsOf(string paymentId)
    {
        lock (Gate)
        {
            return refunds.Values.Where(r => (string?)r["payment_id"] == paymentId).Select(r => r.DeepClone().AsObject()).ToList();
        }
    }

    /// <summary>The shopper paying on the link's page (the link is named by its order id): Square completes the payment. Returns its id.</summary>
    public string PayOnHostedPage(string orderId)
    {
        lock (Gate)
        {
            var link = links.Values.Single(l => (string?)l["order_id"] == orderId);
            var id = NextId("pay");
            var money = link["_price"]!.DeepClone();
            payments[id] = new JsonObject
            {
                ["id"] = id,
                ["created_at"] = Now(),
                ["updated_at"] = Now(),
                ["amount_money"] = money.DeepClone(),
                ["total_money"] = money.DeepClone(),
                ["approved_money"] = money.DeepClone(),
                ["status"] = "COMPLETED",
                ["source_type"] = "CARD",
                ["card_details"] = new JsonObject { ["status"] = "CAPTURED", ["card"] = new JsonObject { ["card_brand"] = "VISA", ["last_4"] = "1111" } },
                ["location_id"] = LocationId,
                ["order_id"] = orderId,
                ["note"] = (string?)link["payment_note"],
                ["receipt_number"] = id[..4].ToUpperInvariant(),
                ["version_token"] = Guid.NewGuid().ToString("N"),
            };
            return id;
        }
    }

    /// <summary>Staff refunding in Square's dashboard. Returns the refund's id.</summary>
    public string RefundInDashboard(string paymentId, long amount)
    {
        lock (Gate)
        {
            var (status, body) = CreateRefund(new JsonObject
            {
                ["payment_id"] = paymentId,
                ["amount_money"] = new JsonObject { ["amount"] = amount, ["currency"] = (string)payments[paymentId]["amount_money"]!["currency"]! },
                ["reason"] = "Dashboard refund",
            });
            return status == 200 ? (string)JsonNode.Parse(body)!["refund"]!["id"]! : throw new InvalidOperationException(body);
        }
    }

    /// <summary>A webhook event as Square posts it, and its signature (HMAC-SHA256 of notification URL + body).</summary>
    public (string Json, string Signature) Event(string type, string objectName, JsonObject item)
    {
        var json = new JsonObject
        {
            ["merchant_id"] = "MLDOUBLE",
            ["type"] = type,
            ["event_id"] = Guid.NewGuid().ToString(),
            ["created_at"] = Now(),
            ["data"] = new JsonObject
            {
                ["type"] = objectName,
                ["id"] = (string?)item["id"],
                ["object"] = new JsonObject { [objectName] = item.DeepClone() },
            },
        }.ToJsonString();
        return (json, SquareWebhookService.Sign(SignatureKey, NotificationUrl, json));
    }

    protected override string? KeyOf(HttpRequest request, JsonObject? body) => (string?)body?["idempotency_key"];

    protected override string? Unauthorised(HttpRequest request, string path) =>
        request.Headers.Authorization.ToString() == $"Bearer {AccessToken}" && request.Headers.ContainsKey("Square-Version")
            ? null
            : Errors("AUTHENTICATION_ERROR", "UNAUTHORIZED", "This request could not be authorized.", null);

    protected override (int Status, string Body) Answer(HttpRequest request, string path, JsonObject? body, string? idempotencyKey)
    {
        var segments = path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("POST", ["v2", "online-checkout", "payment-links"]) => CreateLink(body!),
            ("GET", ["v2", "payments"]) => List(payments.Values, "payments", request),
            ("GET", ["v2", "payments", var id]) => payments.TryGetValue(id, out var p) ? (200, new JsonObject { ["payment"] = p.DeepClone() }.ToJsonString()) : NotFound(id),
            ("POST", ["v2", "payments", var id, "complete"]) => Move(id, "APPROVED", "COMPLETED"),
            ("POST", ["v2", "payments", var id, "cancel"]) => Move(id, "APPROVED", "CANCELED"),
            ("POST", ["v2", "refunds"]) => CreateRefund(body!),
            ("GET", ["v2", "refunds"]) => List(refunds.Values, "refunds", request),
            _ => NotFound(path),
        };
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Errors(string category, string code, string detail, string? field)
    {
        var error = new JsonObject { ["category"] = category, ["code"] = code, ["detail"] = detail };
        if (field is not null)
        {
            error["field"] = field;
        }

        return new JsonObject { ["errors"] = new JsonArray(error) }.ToJsonString();
    }

    private static (int, string) NotFound(string what) => (404, Errors("INVALID_REQUEST_ERROR", "NOT_FOUND", $"Could not find {what}.", null));

    private string NextId(string prefix) => $"{prefix}_{Interlocked.Increment(ref sequence):D4}{Guid.NewGuid().ToString("N")[..12]}";

    private (int, string) CreateLink(JsonObject body)
    {
        var quick = body["quick_pay"];
        if ((string?)body["idempotency_key"] is not { Length: > 0 and <= 192 })
        {
            return (400, Errors("INVALID_REQUEST_ERROR", "INVALID_VALUE", "idempotency_key must be 1 to 192 characters.", "idempotency_key"));
        }

        if ((string?)quick?["location_id"] != LocationId)
        {
            return (400, Errors("INVALID_REQUEST_ERROR", "NOT_FOUND", "Location not found.", "quick_pay.location_id"));
        }

        var id = NextId("link");
        var orderId = NextId("order");
        var link = new JsonObject
        {
            ["id"] = id,
            ["version"] = 1,
            ["order_id"] = orderId,
            ["checkout_options"] = body["checkout_options"]?.DeepClone(),
            ["pre_populated_data"] = body["pre_populated_data"]?.DeepClone(),
            ["url"] = $"{BaseUrl}/checkout/{id}",
            ["long_url"] = $"{BaseUrl}/checkout/long/{id}",
            ["created_at"] = Now(),
            ["payment_note"] = (string?)body["payment_note"],
        };
        var stored = link.DeepClone().AsObject();
        stored["_price"] = quick!["price_money"]!.DeepClone();
        links[id] = stored;
        return (200, new JsonObject
        {
            ["payment_link"] = link,
            ["related_resources"] = new JsonObject
            {
                ["orders"] = new JsonArray(new JsonObject { ["id"] = orderId, ["location_id"] = LocationId, ["source"] = new JsonObject { ["name"] = "Store" }, ["state"] = "DRAFT" }),
            },
        }.ToJsonString());
    }

    private (int, string) Move(string id, string from, string to)
    {
        if (!payments.TryGetValue(id, out var payment))
        {
            return NotFound(id);
        }

        if ((string?)payment["status"] != from)
        {
            return (400, Errors("INVALID_REQUEST_ERROR", "BAD_REQUEST", $"Payment {id} is {(string?)payment["status"]}, not {from}.", null));
        }

        payment["status"] = to;
        payment["updated_at"] = Now();
        return (200, new JsonObject { ["payment"] = payment.DeepClone() }.ToJsonString());
    }

    private (int, string) CreateRefund(JsonObject body)
    {
        if (body["idempotency_key"] is not null && (string?)body["idempotency_key"] is not { Length: > 0 and <= 45 })
        {
            return (400, Errors("INVALID_REQUEST_ERROR", "VALUE_TOO_LONG", "Field must not be greater than 45 length", "idempotency_key"));
        }

        var paymentId = (string?)body["payment_id"];
        if (paymentId is null || !payments.TryGetValue(paymentId, out var payment))
        {
            return NotFound(paymentId ?? "payment");
        }

        var paid = (long)payment["amount_money"]!["amount"]!;
        var refundedSoFar = refunds.Values.Where(r => (string?)r["payment_id"] == paymentId && (string?)r["status"] != "FAILED").Sum(r => (long)r["amount_money"]!["amount"]!);
        var amount = (long)body["amount_money"]!["amount"]!;
        if ((string?)payment["status"] != "COMPLETED" || amount <= 0 || refundedSoFar + amount > paid)
        {
            return (400, Errors("INVALID_REQUEST_ERROR", "REFUND_AMOUNT_INVALID", "The requested refund amount exceeds the amount available to refund.", "amount_money.amount"));
        }

        var refund = new JsonObject
        {
            ["id"] = NextId("ref"),
            ["status"] = "COMPLETED",
            ["location_id"] = LocationId,
            ["amount_money"] = body["amount_money"]!.DeepClone(),
            ["payment_id"] = paymentId,
            ["order_id"] = (string?)payment["order_id"],
            ["reason"] = (string?)body["reason"],
            ["created_at"] = Now(),
            ["updated_at"] = Now(),
        };
        refunds[(string)refund["id"]!] = refund;
        payment["refunded_money"] = new JsonObject { ["amount"] = refundedSoFar + amount, ["currency"] = (string)payment["amount_money"]!["currency"]! };
        return (200, new JsonObject { ["refund"] = refund.DeepClone() }.ToJsonString());
    }

    private static (int, string) List(IEnumerable<JsonObject> items, string name, HttpRequest request)
    {
        var since = DateTimeOffset.TryParse(request.Query["begin_time"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;

        // One item a page, so the store's paging (cursor) is exercised.
        var matching = items.Where(i => DateTimeOffset.Parse((string)i["created_at"]!, CultureInfo.InvariantCulture) >= since).OrderBy(i => (string)i["created_at"]!).ToList();
        var skip = int.TryParse(request.Query["cursor"].ToString(), CultureInfo.InvariantCulture, out var cursor) ? cursor : 0;
        var page = new JsonObject { [name] = new JsonArray(matching.Skip(skip).Take(1).Select(i => (JsonNode)i.DeepClone()).ToArray()) };
        if (skip + 1 < matching.Count)
        {
            page["cursor"] = (skip + 1).ToString(CultureInfo.InvariantCulture);
        }

        return (200, page.ToJsonString());
    }
}
