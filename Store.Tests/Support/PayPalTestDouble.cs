using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Store.Tests.Support;

/// <summary>
/// A local stand-in for the PayPal REST calls the store makes (OAuth token, Orders v2, Payments v2,
/// verify-webhook-signature), answering with the shapes of PayPal's published descriptions: orders with purchase
/// units and their authorizations, captures and refunds, HATEOAS links, and PayPal's error body
/// ({"name", "message", "debug_id", "details": [{"issue", "description"}]}). It keeps PayPal's rules that matter:
/// a bearer token from the client-credentials grant, PayPal-Request-Id answering the first response again, an
/// order that must be approved before it is authorised, refunds up to what was captured. Its approval page
/// (/checkoutnow?token=) has an Approve button that approves the order and sends the buyer back to the order's
/// return_url, as PayPal's does. The browser journey (Store.E2E) runs the store against this same file.
/// </summary>
public sealed class PayPalTestDouble : FakeProviderServer
{
    public const string ClientId = "paypal-client-double";
    public const string ClientSecret = "paypal-secret-double";
    public const string WebhookId = "WH-STORE-DOUBLE";

    private const string SigningSecret = "paypal-double-signing";

    private readonly Dictionary<string, JsonObject> orders = [];
    private readonly Dictionary<string, string> tokens = [];
    private readonly List<byte[]> verifiedEvents = [];
    private int sequence;

    public int TokensIssued { get; private set; }

    public static async Task<PayPalTestDouble> StartAsync()
    {
        var paypal = new PayPalTestDouble();
        await paypal.StartServerAsync();
        return paypal;
    }

    public JsonObject Order(string id)
    {
        lock (Gate)
        {
            return orders[id].DeepClone().AsObject();
        }
    }

    /// <summary>How many captures really happened on an order (replays of a request id do not count).</summary>
    public int CapturesOf(string orderId) => Payments(Order(orderId))["captures"]!.AsArray().Count;

    public IReadOnlyList<JsonObject> RefundsOf(string orderId) => Payments(Order(orderId))["refunds"]!.AsArray().Select(r => r!.AsObject()).ToList();

    /// <summary>The buyer approving on PayPal's page; returns the address PayPal sends the buyer back to.</summary>
    public string Approve(string orderId)
    {
        lock (Gate)
        {
            var order = orders[orderId];
            order["status"] = "APPROVED";
            var returnUrl = (string)order["payment_source"]!["paypal"]!["experience_context"]!["return_url"]!;
            return $"{returnUrl}{(returnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}token={orderId}&PayerID=BUYERDOUBLE";
        }
    }

    /// <summary>Staff refunding in PayPal's dashboard: no request id, none of the store's ids. Returns the refund.</summary>
    public JsonObject RefundInDashboard(string orderId, long amountMinor)
    {
        lock (Gate)
        {
            var captureId = (string)Payments(orders[orderId])["captures"]!.AsArray().Last()!["id"]!;
            var (status, body) = Refund(captureId, new JsonObject { ["amount"] = Money(amountMinor, Currency(orders[orderId])) });
            return status == 201 ? JsonNode.Parse(body)!.AsObject() : throw new InvalidOperationException(body);
        }
    }

    public string CaptureIdOf(string orderId) => (string)Payments(Order(orderId))["captures"]!.AsArray().Last()!["id"]!;

    /// <summary>
    /// The webhook_event of every verify-webhook-signature call, as the bytes the store sent: what PayPal checks its
    /// signature against, so they must be the delivery's own.
    /// </summary>
    public IReadOnlyList<byte[]> VerifiedEvents
    {
        get
        {
            lock (Gate)
            {
                return verifiedEvents.ToList();
            }
        }
    }

    /// <summary>A webhook event as PayPal posts it, with the headers it signs it with (the stand-in's verify accepts them).</summary>
    public (string Json, Dictionary<string, string> Headers) Event(string type, JsonObject resource, string? signature = null)
    {
        var json = new JsonObject
        {
            ["id"] = "WH-" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant(),
            ["event_version"] = "1.0",
            ["create_time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["resource_type"] = type.StartsWith("CHECKOUT", StringComparison.Ordinal) ? "checkout-order" : type.Contains("REFUND", StringComparison.Ordinal) ? "refund" : "capture",
            ["event_type"] = type,
            ["summary"] = type,
            ["resource"] = resource,
        }.ToJsonString();
        return (json, Headers(json, signature));
    }

    /// <summary>The PAYPAL-* headers PayPal sends with this exact body: its signature covers a checksum of the body's bytes.</summary>
    public static Dictionary<string, string> Headers(string json, string? signature = null)
    {
        var transmission = Guid.NewGuid().ToString();
        return new Dictionary<string, string>
        {
            ["PAYPAL-TRANSMISSION-ID"] = transmission,
            ["PAYPAL-TRANSMISSION-TIME"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["PAYPAL-TRANSMISSION-SIG"] = signature ?? Sign(transmission, Encoding.UTF8.GetBytes(json)),
            ["PAYPAL-CERT-URL"] = "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-double",
            ["PAYPAL-AUTH-ALGO"] = "SHA256withRSA",
        };
    }

    protected override string? KeyOf(HttpRequest request, JsonObject? body) =>
        request.Method == "POST" && request.Headers.TryGetValue("PayPal-Request-Id", out var id) ? id.ToString() : null;

    protected override string? Unauthorised(HttpRequest request, string path)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (path == "/v1/oauth2/token")
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
            return authorization == expected ? null : """{"error":"invalid_client","error_description":"Client Authentication failed"}""";
        }

        if (path.StartsWith("/checkoutnow", StringComparison.Ordinal))
        {
            return null;
        }

        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) && tokens.ContainsKey(authorization[7..])
            ? null
            : """{"error":"invalid_token","error_description":"Token signature verification failed"}""";
    }

    protected override (int Status, string Body) Answer(HttpRequest request, string path, JsonObject? body, string? idempotencyKey)
    {
        var segments = path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("POST", ["v1", "oauth2", "token"]) => Token(),
            ("GET", ["checkoutnow"]) => ApprovalPage(request.Query["token"].ToString()),
            ("POST", ["checkoutnow", "approve"]) => orders.ContainsKey(request.Query["token"].ToString())
                ? (302, Approve(request.Query["token"].ToString()))
                : NotFound("RESOURCE_NOT_FOUND", request.Query["token"].ToString()),
            ("POST", ["v2", "checkout", "orders"]) => Create(body!),
            ("GET", ["v2", "checkout", "orders", var id]) => orders.TryGetValue(id, out var order) ? (200, order.ToJsonString()) : NotFound("RESOURCE_NOT_FOUND", id),
            ("POST", ["v2", "checkout", "orders", var id, "authorize"]) => Authorize(id),
            ("POST", ["v2", "payments", "authorizations", var id, "capture"]) => Capture(id),
            ("POST", ["v2", "payments", "authorizations", var id, "void"]) => Void(id),
            ("GET", ["v2", "payments", "captures", var id]) => FindCapture(id) is { } capture ? (200, capture.Capture.ToJsonString()) : NotFound("RESOURCE_NOT_FOUND", id),
            ("POST", ["v2", "payments", "captures", var id, "refund"]) => Refund(id, body ?? []),
            ("POST", ["v1", "notifications", "verify-webhook-signature"]) => Verify(body!, RawBody(request)),
            _ => NotFound("RESOURCE_NOT_FOUND", path),
        };
    }

    // PayPal signs "transmission id|time|webhook id|CRC32 of the body" with its certificate; a keyed hash over the
    // body's SHA-256 stands in for that here, keeping what matters: one changed byte of the body fails verification.
    private static string Sign(string transmission, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(SigningSecret), Encoding.UTF8.GetBytes($"{transmission}|{WebhookId}|{Convert.ToHexString(SHA256.HashData(body))}")));

    /// <summary>The raw bytes of the request's "webhook_event" value, as they sit in the request body.</summary>
    private static byte[]? RawWebhookEvent(byte[] request)
    {
        var reader = new Utf8JsonReader(request);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEvent = reader.ValueTextEquals("webhook_event");
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isEvent)
            {
                return request[start..(int)reader.BytesConsumed];
            }
        }

        return null;
    }

    private static JsonObject Payments(JsonObject order) => order["purchase_units"]![0]!["payments"]!.AsObject();

    private static string Currency(JsonObject order) => (string)order["purchase_units"]![0]!["amount"]!["currency_code"]!;

    private static JsonObject Money(long minor, string currency) => new()
    {
        ["currency_code"] = currency,
        ["value"] = (minor / 100m).ToString("F2", CultureInfo.InvariantCulture),
    };

    private static long Minor(JsonNode money) => (long)(decimal.Parse((string)money["value"]!, CultureInfo.InvariantCulture) * 100);

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static (int, string) Error(int status, string name, string issue, string description) => (status, new JsonObject
    {
        ["name"] = name,
        ["message"] = status == 422 ? "The requested action could not be performed, semantically incorrect, or failed business validation." : "The specified resource does not exist.",
        ["debug_id"] = Guid.NewGuid().ToString("N")[..13],
        ["details"] = new JsonArray(new JsonObject { ["issue"] = issue, ["description"] = description }),
        ["links"] = new JsonArray(new JsonObject { ["href"] = $"https://developer.paypal.com/api/rest/reference/orders/v2/errors/#{issue}", ["rel"] = "information_link", ["method"] = "GET" }),
    }.ToJsonString());

    private static (int, string) NotFound(string issue, string what) => Error(404, "RESOURCE_NOT_FOUND", issue, $"The specified resource ID {what} does not exist.");

    private string NextId(string prefix) => $"{prefix}{Interlocked.Increment(ref sequence):D6}{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";

    private (int, string) Token()
    {
        var token = "A21AA" + Guid.NewGuid().ToString("N");
        tokens[token] = token;
        TokensIssued++;
        return (200, new JsonObject
        {
            ["scope"] = "https://uri.paypal.com/services/payments/payment",
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["app_id"] = "APP-80W284485P519543T",
            ["expires_in"] = 32400,
            ["nonce"] = Now() + "nonce",
        }.ToJsonString());
    }

    private (int, string) Create(JsonObject body)
    {
        var unit = body["purchase_units"]![0]!.AsObject().DeepClone().AsObject();
        if ((string?)body["intent"] is not ("AUTHORIZE" or "CAPTURE"))
        {
            return Error(400, "INVALID_REQUEST", "INVALID_PARAMETER_VALUE", "intent is AUTHORIZE or CAPTURE.");
        }

        var id = NextId("5O");
        unit["payee"] = new JsonObject { ["email_address"] = "merchant@store.example", ["merchant_id"] = "MERCHANTDOUBLE" };
        unit["payments"] = new JsonObject { ["authorizations"] = new JsonArray(), ["captures"] = new JsonArray(), ["refunds"] = new JsonArray() };
        var order = new JsonObject
        {
            ["id"] = id,
            ["intent"] = (string)body["intent"]!,
            ["status"] = "PAYER_ACTION_REQUIRED",
            ["payment_source"] = body["payment_source"]?.DeepClone(),
            ["purchase_units"] = new JsonArray(unit),
            ["create_time"] = Now(),
            ["links"] = new JsonArray(
                new JsonObject { ["href"] = $"{BaseUrl}/v2/checkout/orders/{id}", ["rel"] = "self", ["method"] = "GET" },
                new JsonObject { ["href"] = $"{BaseUrl}/checkoutnow?token={id}", ["rel"] = "payer-action", ["method"] = "GET" }),
        };
        orders[id] = order;
        return (200, order.ToJsonString());
    }

    /// <summary>PayPal's page where the buyer signs in and approves: here one button, which approves and sends the buyer back.</summary>
    private (int, string) ApprovalPage(string token)
    {
        if (!orders.TryGetValue(token, out var order))
        {
            return NotFound("RESOURCE_NOT_FOUND", token);
        }

        var amount = order["purchase_units"]![0]!["amount"]!;
        var brand = (string?)order["payment_source"]?["paypal"]?["experience_context"]?["brand_name"] ?? "the merchant";
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>PayPal (test double)</title></head>
            <body>
              <h1>Pay with PayPal</h1>
              <p data-testid="paypal-amount">{System.Net.WebUtility.HtmlEncode($"{(string?)amount["value"]} {(string?)amount["currency_code"]}")} to {System.Net.WebUtility.HtmlEncode(brand)}</p>
              <form method="post" action="/checkoutnow/approve?token={Uri.EscapeDataString(token)}">
                <button type="submit" data-testid="paypal-approve">Approve</button>
              </form>
            </body></html>
            """;
        return (200, html);
    }

    private (int, string) Authorize(string id)
    {
        if (!orders.TryGetValue(id, out var order))
        {
            return NotFound("RESOURCE_NOT_FOUND", id);
        }

        if ((string?)order["status"] != "APPROVED")
        {
            return Error(422, "UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment.");
        }

        var unit = order["purchase_units"]![0]!;
        var authorization = new JsonObject
        {
            ["id"] = NextId("0T"),
            ["status"] = "CREATED",
            ["amount"] = unit["amount"]!.DeepClone(),
            ["custom_id"] = (string?)unit["custom_id"],
            ["expiration_time"] = DateTimeOffset.UtcNow.AddDays(29).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["create_time"] = Now(),
            ["update_time"] = Now(),
            ["links"] = new JsonArray(),
        };
        Payments(order)["authorizations"]!.AsArray().Add(authorization);
        order["status"] = "COMPLETED";
        return (201, order.ToJsonString());
    }

    private (JsonObject Order, JsonObject Authorization)? FindAuthorization(string id) =>
        orders.Values.SelectMany(o => Payments(o)["authorizations"]!.AsArray().Select(a => (Order: o, Authorization: a!.AsObject())))
            .Where(x => (string?)x.Authorization["id"] == id)
            .Select(x => ((JsonObject, JsonObject)?)x)
            .FirstOrDefault();

    private (JsonObject Order, JsonObject Capture)? FindCapture(string id) =>
        orders.Values.SelectMany(o => Payments(o)["captures"]!.AsArray().Select(c => (Order: o, Capture: c!.AsObject())))
            .Where(x => (string?)x.Capture["id"] == id)
            .Select(x => ((JsonObject, JsonObject)?)x)
            .FirstOrDefault();

    private (int, string) Capture(string authorizationId)
    {
        if (FindAuthorization(authorizationId) is not var (order, authorization))
        {
            return NotFound("RESOURCE_NOT_FOUND", authorizationId);
        }

        if ((string?)authorization["status"] != "CREATED")
        {
            return Error(422, "UNPROCESSABLE_ENTITY", "AUTHORIZATION_ALREADY_CAPTURED", "Authorization has been previously captured and hence cannot be captured again.");
        }

        authorization["status"] = "CAPTURED";
        var capture = new JsonObject
        {
            ["id"] = NextId("3C"),
            ["status"] = "COMPLETED",
            ["amount"] = authorization["amount"]!.DeepClone(),
            ["final_capture"] = true,
            ["custom_id"] = (string?)authorization["custom_id"],
            ["seller_protection"] = new JsonObject { ["status"] = "ELIGIBLE", ["dispute_categories"] = new JsonArray("ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION") },
            ["supplementary_data"] = new JsonObject { ["related_ids"] = new JsonObject { ["order_id"] = (string)order["id"]!, ["authorization_id"] = authorizationId } },
            ["create_time"] = Now(),
            ["update_time"] = Now(),
            ["links"] = new JsonArray(),
        };
        Payments(order)["captures"]!.AsArray().Add(capture);
        return (201, capture.ToJsonString());
    }

    private (int, string) Void(string authorizationId)
    {
        if (FindAuthorization(authorizationId) is not var (_, authorization))
        {
            return NotFound("RESOURCE_NOT_FOUND", authorizationId);
        }

        if ((string?)authorization["status"] == "VOIDED")
        {
            return Error(422, "UNPROCESSABLE_ENTITY", "AUTHORIZATION_ALREADY_VOIDED", "Authorization has been previously voided and hence cannot be voided again.");
        }

        authorization["status"] = "VOIDED";
        return (200, authorization.ToJsonString());
    }

    private (int, string) Refund(string captureId, JsonObject body)
    {
        if (FindCapture(captureId) is not var (order, capture))
        {
            return NotFound("RESOURCE_NOT_FOUND", captureId);
        }

        var captured = Minor(capture["amount"]!);
        var refunds = Payments(order)["refunds"]!.AsArray();
        var refundedSoFar = refunds.Where(r => (string?)r!["status"] == "COMPLETED").Sum(r => Minor(r!["amount"]!));
        var amount = body["amount"] is { } asked ? Minor(asked) : captured - refundedSoFar;
        if (amount <= 0 || refundedSoFar + amount > captured)
        {
            return Error(422, "UNPROCESSABLE_ENTITY", "REFUND_AMOUNT_EXCEEDED", "The refund amount must be less than or equal to the capture amount that has not yet been refunded.");
        }

        var refund = new JsonObject
        {
            ["id"] = NextId("1R"),
            ["status"] = "COMPLETED",
            ["amount"] = Money(amount, Currency(order)),
            ["custom_id"] = (string?)body["custom_id"],
            ["note_to_payer"] = (string?)body["note_to_payer"],
            ["create_time"] = Now(),
            ["update_time"] = Now(),
            ["links"] = new JsonArray(
                new JsonObject { ["href"] = $"{BaseUrl}/v2/payments/refunds/x", ["rel"] = "self", ["method"] = "GET" },
                new JsonObject { ["href"] = $"{BaseUrl}/v2/payments/captures/{captureId}", ["rel"] = "up", ["method"] = "GET" }),
        };
        refund["links"]![0]!["href"] = $"{BaseUrl}/v2/payments/refunds/{(string)refund["id"]!}";
        refunds.Add(refund);
        capture["status"] = refundedSoFar + amount == captured ? "REFUNDED" : "PARTIALLY_REFUNDED";
        return (201, refund.ToJsonString());
    }

    private (int, string) Verify(JsonObject body, byte[] raw)
    {
        var transmission = (string?)body["transmission_id"];
        var webhookEvent = RawWebhookEvent(raw);
        if (webhookEvent is not null)
        {
            verifiedEvents.Add(webhookEvent);
        }

        var ok = (string?)body["webhook_id"] == WebhookId && transmission is not null && webhookEvent is not null
            && (string?)body["transmission_sig"] == Sign(transmission, webhookEvent) && (string?)body["auth_algo"] == "SHA256withRSA";
        return (200, new JsonObject { ["verification_status"] = ok ? "SUCCESS" : "FAILURE" }.ToJsonString());
    }
}
