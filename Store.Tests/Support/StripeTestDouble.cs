using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Store.Tests.Support;

/// <summary>
/// A local stand-in for the few endpoints of Stripe's API that the store calls, served by Kestrel on 127.0.0.1
/// at a port the operating system picks. It is the one fake in these tests, and only because Stripe itself cannot
/// be reached from here; everything else (PostgreSQL, the web app, Stripe.net and its HTTP, the webhook signature)
/// is real. It keeps Stripe's rules that matter to the store: form-encoded requests, a bearer secret key, an
/// Idempotency-Key that answers the first response again without a second effect, manual capture, refunds up to
/// what was captured; and it records every call. The test plays the shopper on Stripe's page with
/// <see cref="PayOnHostedPage"/>, and builds the webhook events Stripe would send with <see cref="Event"/>.
/// </summary>
public sealed class StripeTestDouble : IAsyncDisposable
{
    public const string SecretKey = "sk_test_store_double";
    public const string WebhookSecret = "whsec_store_double_secret";

    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> sessions = [];
    private readonly Dictionary<string, JsonObject> intents = [];
    private readonly Dictionary<string, JsonObject> refunds = [];
    private readonly Dictionary<string, JsonObject> disputes = [];
    private readonly Dictionary<string, (int Status, string Body)> answered = [];
    private readonly List<StripeCall> calls = [];
    private readonly Dictionary<string, int> captures = [];
    private readonly Dictionary<string, long> refunded = [];
    private readonly List<string> loseResponses = [];
    private readonly List<(string PathEnd, int Status)> failures = [];
    private WebApplication app = null!;
    private int sequence;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<StripeCall> Calls
    {
        get
        {
            lock (gate)
            {
                return calls.ToList();
            }
        }
    }

    public static async Task<StripeTestDouble> StartAsync()
    {
        var stripe = new StripeTestDouble();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        stripe.app = builder.Build();
        stripe.app.Run(stripe.HandleAsync);
        await stripe.app.StartAsync();
        stripe.BaseUrl = stripe.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return stripe;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>How many captures really happened on a PaymentIntent (replays of a key do not count).</summary>
    public int CapturesOf(string intentId)
    {
        lock (gate)
        {
            return captures.GetValueOrDefault(intentId);
        }
    }

    public IReadOnlyList<JsonObject> RefundsOf(string intentId)
    {
        lock (gate)
        {
            return refunds.Values.Where(r => (string?)r["payment_intent"] == intentId).Select(r => r.DeepClone().AsObject()).ToList();
        }
    }

    public JsonObject Refund(string id)
    {
        lock (gate)
        {
            return refunds[id].DeepClone().AsObject();
        }
    }

    /// <summary>The charge behind a captured PaymentIntent as Stripe shows it in charge.* events, with what was refunded so far.</summary>
    public JsonObject Charge(string intentId)
    {
        lock (gate)
        {
            var intent = intents[intentId];
            var refundedSoFar = refunded.GetValueOrDefault(intentId);
            return new JsonObject
            {
                ["id"] = "ch_" + intentId[3..],
                ["object"] = "charge",
                ["amount"] = (long)intent["amount"]!,
                ["amount_captured"] = (long)intent["amount_received"]!,
                ["amount_refunded"] = refundedSoFar,
                ["refunded"] = refundedSoFar > 0 && refundedSoFar == (long)intent["amount_received"]!,
                ["captured"] = (string?)intent["status"] == "succeeded",
                ["currency"] = (string?)intent["currency"],
                ["payment_intent"] = intentId,
                ["status"] = "succeeded",
                ["metadata"] = intent["metadata"]!.DeepClone(),
                ["created"] = (long)intent["created"]!,
                ["livemode"] = false,
            };
        }
    }

    /// <summary>Staff refunding in Stripe's dashboard: a refund with no idempotency key and none of the store's metadata. Returns its id.</summary>
    public string RefundInDashboard(string intentId, long amount, string reason = "requested_by_customer")
    {
        lock (gate)
        {
            var (status, body) = CreateRefund(new Dictionary<string, string> { ["payment_intent"] = intentId, ["amount"] = amount.ToString(CultureInfo.InvariantCulture), ["reason"] = reason });
            if (status != 200)
            {
                throw new InvalidOperationException(body);
            }

            return (string)JsonNode.Parse(body)!["id"]!;
        }
    }

    /// <summary>Stripe has no record of this refund (it never reached Stripe, or is in another account).</summary>
    public void ForgetRefund(string refundId)
    {
        lock (gate)
        {
            refunds.Remove(refundId);
        }
    }

    /// <summary>A cardholder's bank disputes the charge behind a PaymentIntent. Returns the dispute's id.</summary>
    public string OpenDispute(string intentId, string reason = "fraudulent")
    {
        lock (gate)
        {
            var intent = intents[intentId];
            var id = NextId("dp");
            disputes[id] = new JsonObject
            {
                ["id"] = id,
                ["object"] = "dispute",
                ["amount"] = (long)intent["amount_received"]!,
                ["currency"] = (string?)intent["currency"],
                ["charge"] = "ch_" + intentId[3..],
                ["payment_intent"] = intentId,
                ["reason"] = reason,
                ["status"] = "needs_response",
                ["is_charge_refundable"] = false,
                ["metadata"] = new JsonObject(),
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["livemode"] = false,
            };
            return id;
        }
    }

    public void CloseDispute(string disputeId, bool won)
    {
        lock (gate)
        {
            disputes[disputeId]["status"] = won ? "won" : "lost";
        }
    }

    public JsonObject Dispute(string id)
    {
        lock (gate)
        {
            return disputes[id].DeepClone().AsObject();
        }
    }

    public JsonObject Session(string id)
    {
        lock (gate)
        {
            return sessions[id].DeepClone().AsObject();
        }
    }

    public JsonObject Intent(string id)
    {
        lock (gate)
        {
            return intents[id].DeepClone().AsObject();
        }
    }

    /// <summary>
    /// The shopper on Stripe's hosted page: a good card leaves the money authorised (the store asked for manual
    /// capture), a declined one leaves the PaymentIntent waiting for another card. Returns the PaymentIntent id.
    /// </summary>
    public string PayOnHostedPage(string sessionId, bool declined = false)
    {
        lock (gate)
        {
            var session = sessions[sessionId];
            var intentId = (string?)session["payment_intent"];
            if (intentId is null)
            {
                intentId = NextId("pi");
                var pending = session["_intent"]!.AsObject();
                intents[intentId] = new JsonObject
                {
                    ["id"] = intentId,
                    ["object"] = "payment_intent",
                    ["amount"] = (long)pending["amount"]!,
                    ["amount_capturable"] = 0,
                    ["amount_received"] = 0,
                    ["currency"] = (string?)pending["currency"],
                    ["capture_method"] = (string?)pending["capture_method"] ?? "automatic",
                    ["status"] = "requires_payment_method",
                    ["metadata"] = pending["metadata"]!.DeepClone(),
                    ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["livemode"] = false,
                    ["last_payment_error"] = null,
                };
                session["payment_intent"] = intentId;
            }

            var intent = intents[intentId];
            if (declined)
            {
                intent["status"] = "requires_payment_method";
                intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["message"] = "Your card was declined." };
                return intentId;
            }

            intent["last_payment_error"] = null;
            if ((string?)intent["capture_method"] == "manual")
            {
                intent["status"] = "requires_capture";
                intent["amount_capturable"] = (long)intent["amount"]!;
            }
            else
            {
                Capture(intent);
            }

            session["status"] = "complete";
            return intentId;
        }
    }

    /// <summary>Stripe capturing as if the store had asked (e.g. the store's capture went through but its commit was lost).</summary>
    public void CaptureDirectly(string intentId)
    {
        lock (gate)
        {
            Capture(intents[intentId]);
        }
    }

    public void SetIntentStatus(string intentId, string status)
    {
        lock (gate)
        {
            intents[intentId]["status"] = status;
        }
    }

    /// <summary>The next call whose path ends so does its work, but its answer never reaches the caller (the connection drops).</summary>
    public void LoseNextResponse(string pathEnd)
    {
        lock (gate)
        {
            loseResponses.Add(pathEnd);
        }
    }

    /// <summary>The next call whose path ends so is refused with this status and does nothing.</summary>
    public void FailNext(string pathEnd, int status)
    {
        lock (gate)
        {
            failures.Add((pathEnd, status));
        }
    }

    /// <summary>A webhook event as Stripe sends it, around a snapshot of the object.</summary>
    public string Event(string type, JsonObject snapshot, string? eventId = null) =>
        new JsonObject
        {
            ["id"] = eventId ?? NextId("evt"),
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = Strip(snapshot) },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        }.ToJsonString();

    /// <summary>The Stripe-Signature header, computed as Stripe does: t=timestamp,v1=hex(HMAC-SHA256(secret, "{t}.{payload}")).</summary>
    public static string Sign(string payload, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
            : request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var key = request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;
        var path = request.Path.Value ?? "";

        int status;
        string body;
        bool lose;
        lock (gate)
        {
            calls.Add(new StripeCall(request.Method, path, key, form));
            lose = Take(loseResponses, path);
            if (request.Headers.Authorization.ToString() != $"Bearer {SecretKey}")
            {
                (status, body) = (401, Error("invalid_request_error", "api_key_invalid", "Invalid API Key provided."));
            }
            else if (failures.FirstOrDefault(f => path.EndsWith(f.PathEnd, StringComparison.Ordinal)) is { PathEnd: not null } failure)
            {
                failures.Remove(failure);
                (status, body) = (failure.Status, Error("api_error", "failed", "Stripe is having a bad day."));
            }
            else if (key is not null && request.Method == "POST" && answered.TryGetValue(key, out var first))
            {
                (status, body) = first;
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }
            else
            {
                (status, body) = Route(request.Method, path, form);
                if (key is not null && request.Method == "POST")
                {
                    answered[key] = (status, body);
                }
            }
        }

        if (lose)
        {
            http.Abort();
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body);
    }

    private (int Status, string Body) Route(string method, string path, Dictionary<string, string> form)
    {
        var parts = path.Trim('/').Split('/');
        return (method, parts) switch
        {
            ("POST", ["v1", "checkout", "sessions"]) => CreateSession(form),
            ("GET", ["v1", "payment_intents"]) => ListIntents(form),
            ("GET", ["v1", "payment_intents", var id]) => intents.TryGetValue(id, out var intent) ? Ok(intent) : Missing(id),
            ("POST", ["v1", "payment_intents", var id, "capture"]) => CaptureRequested(id),
            ("POST", ["v1", "payment_intents", var id, "cancel"]) => CancelRequested(id),
            ("POST", ["v1", "refunds"]) => CreateRefund(form),
            ("GET", ["v1", "refunds"]) => ListRefunds(form),
            _ => (404, Error("invalid_request_error", "resource_missing", $"Unrecognized request URL ({method}: {path}).")),
        };
    }

    private (int, string) CreateSession(Dictionary<string, string> form)
    {
        var id = NextId("cs");
        sessions[id] = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["url"] = $"https://checkout.stripe.test/c/pay/{id}#fidkdWxOYHwnPyd1blpxYHZxWjA0",
            ["mode"] = form.GetValueOrDefault("mode"),
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["payment_intent"] = null,
            ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"),
            ["customer_email"] = form.GetValueOrDefault("customer_email"),
            ["success_url"] = form.GetValueOrDefault("success_url"),
            ["cancel_url"] = form.GetValueOrDefault("cancel_url"),
            ["expires_at"] = long.Parse(form.GetValueOrDefault("expires_at") ?? "0", CultureInfo.InvariantCulture),
            ["amount_total"] = long.Parse(form["line_items[0][price_data][unit_amount]"], CultureInfo.InvariantCulture),
            ["currency"] = form["line_items[0][price_data][currency]"],
            ["metadata"] = Nested(form, "metadata"),
            ["livemode"] = false,

            // What the PaymentIntent will be once the shopper pays (Stripe creates it then).
            ["_intent"] = new JsonObject
            {
                ["amount"] = long.Parse(form["line_items[0][price_data][unit_amount]"], CultureInfo.InvariantCulture),
                ["currency"] = form["line_items[0][price_data][currency]"],
                ["capture_method"] = form.GetValueOrDefault("payment_intent_data[capture_method]"),
                ["metadata"] = Nested(form, "payment_intent_data[metadata]"),
            },
        };
        return Ok(sessions[id]);
    }

    private (int, string) ListIntents(Dictionary<string, string> query)
    {
        var since = query.TryGetValue("created[gte]", out var gte) ? long.Parse(gte, CultureInfo.InvariantCulture) : 0;
        var data = new JsonArray(intents.Values.Where(i => (long)i["created"]! >= since).OrderByDescending(i => (long)i["created"]!).Select(i => (JsonNode)i.DeepClone()).ToArray());
        return (200, new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = "/v1/payment_intents" }.ToJsonString());
    }

    private (int, string) ListRefunds(Dictionary<string, string> query)
    {
        var since = query.TryGetValue("created[gte]", out var gte) ? long.Parse(gte, CultureInfo.InvariantCulture) : 0;
        var intent = query.GetValueOrDefault("payment_intent");
        var data = new JsonArray(refunds.Values
            .Where(r => (long)r["created"]! >= since && (intent is null || (string?)r["payment_intent"] == intent))
            .OrderByDescending(r => (long)r["created"]!)
            .Select(r => (JsonNode)r.DeepClone())
            .ToArray());
        return (200, new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = "/v1/refunds" }.ToJsonString());
    }

    private (int, string) CaptureRequested(string id)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return Missing(id);
        }

        if ((string?)intent["status"] != "requires_capture")
        {
            return (400, Error("invalid_request_error", "payment_intent_unexpected_state", $"This PaymentIntent could not be captured because it has a status of {(string?)intent["status"]}."));
        }

        Capture(intent);
        return Ok(intent);
    }

    private (int, string) CancelRequested(string id)
    {
        if (!intents.TryGetValue(id, out var intent))
        {
            return Missing(id);
        }

        if ((string?)intent["status"] is "succeeded" or "canceled")
        {
            return (400, Error("invalid_request_error", "payment_intent_unexpected_state", $"This PaymentIntent could not be canceled because it has a status of {(string?)intent["status"]}."));
        }

        intent["status"] = "canceled";
        intent["amount_capturable"] = 0;
        return Ok(intent);
    }

    private (int, string) CreateRefund(Dictionary<string, string> form)
    {
        var intentId = form.GetValueOrDefault("payment_intent") ?? "";
        if (!intents.TryGetValue(intentId, out var intent))
        {
            return Missing(intentId);
        }

        var received = (long)intent["amount_received"]!;
        var amount = form.TryGetValue("amount", out var a) ? long.Parse(a, CultureInfo.InvariantCulture) : received - refunded.GetValueOrDefault(intentId);
        if ((string?)intent["status"] != "succeeded" || amount <= 0 || refunded.GetValueOrDefault(intentId) + amount > received)
        {
            return (400, Error("invalid_request_error", "charge_already_refunded", "This charge cannot be refunded for that amount."));
        }

        refunded[intentId] = refunded.GetValueOrDefault(intentId) + amount;
        var id = NextId("re");
        refunds[id] = new JsonObject
        {
            ["id"] = id,
            ["object"] = "refund",
            ["amount"] = amount,
            ["currency"] = (string?)intent["currency"],
            ["payment_intent"] = intentId,
            ["status"] = "succeeded",
            ["reason"] = form.GetValueOrDefault("reason"),
            ["metadata"] = Nested(form, "metadata"),
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        return Ok(refunds[id]);
    }

    private void Capture(JsonObject intent)
    {
        var id = (string)intent["id"]!;
        intent["status"] = "succeeded";
        intent["amount_received"] = (long)intent["amount"]!;
        intent["amount_capturable"] = 0;
        captures[id] = captures.GetValueOrDefault(id) + 1;
    }

    private static bool Take(List<string> pending, string path)
    {
        var index = pending.FindIndex(p => path.EndsWith(p, StringComparison.Ordinal));
        if (index < 0)
        {
            return false;
        }

        pending.RemoveAt(index);
        return true;
    }

    private static JsonObject Nested(Dictionary<string, string> form, string prefix)
    {
        var result = new JsonObject();
        foreach (var (name, value) in form.Where(f => f.Key.StartsWith(prefix + "[", StringComparison.Ordinal)))
        {
            var rest = name[(prefix.Length + 1)..^1];
            if (!rest.Contains('['))
            {
                result[rest] = value;
            }
        }

        return result;
    }

    private static JsonObject Strip(JsonObject snapshot)
    {
        var copy = snapshot.DeepClone().AsObject();
        copy.Remove("_intent");
        return copy;
    }

    private static (int, string) Ok(JsonObject value) => (200, Strip(value).ToJsonString());

    private static (int, string) Missing(string id) => (404, Error("invalid_request_error", "resource_missing", $"No such object: '{id}'"));

    private static string Error(string type, string code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message } }.ToJsonString();

    private string NextId(string prefix) => $"{prefix}_test_{Interlocked.Increment(ref sequence):D6}{Guid.NewGuid():N}"[..(prefix.Length + 22)];
}
