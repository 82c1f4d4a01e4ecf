using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Store.Tests.Support;

/// <summary>
/// A local stand-in for USPS APIs 3.0 with the shapes of its published descriptions (oauth2, domestic-prices,
/// labels, tracking v3r2) and of USPS's example collection for Payments: a form-encoded client-credentials token, a
/// bearer token on every call, rate options per mail class (single-piece and flat-rate), a payment authorization
/// token that the label request must carry, the label as one JSON object (application/vnd.usps.labels+json, image in
/// base64) and tracking events. Errors are USPS's body (<c>{"apiVersion","error":{"code","message","errors":[…]}}</c>);
/// faults (a 429, a refusal, a delay past the timeout) are injected per path with <see cref="FakeProviderServer"/>.
/// </summary>
public sealed class UspsTestDouble : FakeProviderServer
{
    public const string ClientId = "usps-consumer-key";
    public const string ClientSecret = "usps-consumer-secret";
    public const string Crid = "56982563";
    public const string Mid = "904128936";
    public const string AccountNumber = "1000405525";
    public const string TrackingNumber = "9400100000000000000017";

    private const string Token = "usps-access-token";
    private const string PaymentToken = "usps-payment-authorization-token";

    public static readonly byte[] LabelPdf = Encoding.ASCII.GetBytes("%PDF-1.7 usps label");

    public string? LastAccept { get; private set; }

    public string? LastPaymentHeader { get; private set; }

    public static async Task<UspsTestDouble> StartAsync()
    {
        var usps = new UspsTestDouble();
        await usps.StartServerAsync();
        return usps;
    }

    public static string ErrorBody(int status, string code, string message) => JsonSerializer.Serialize(new
    {
        apiVersion = "/prices/v3",
        error = new
        {
            code = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            message,
            errors = new[] { new { status = status.ToString(System.Globalization.CultureInfo.InvariantCulture), code, title = message, detail = message } },
        },
    });

    protected override string? KeyOf(HttpRequest request, JsonObject? body) => null;

    protected override string? Unauthorised(HttpRequest request, string path) =>
        path.EndsWith("/oauth2/v3/token", StringComparison.Ordinal) || request.Headers.Authorization.ToString() == "Bearer " + Token
            ? null
            : ErrorBody(401, "401", "Unauthorized");

    protected override (int Status, string Body) Answer(HttpRequest request, string path, JsonObject? body, string? idempotencyKey) => path switch
    {
        "/oauth2/v3/token" => (200, JsonSerializer.Serialize(new
        {
            access_token = Token,
            token_type = "Bearer",
            issued_at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            expires_in = 28799,
            status = "approved",
            scope = "prices labels tracking payments",
            issuer = "api.usps.com",
            client_id = ClientId,
        })),
        "/prices/v3/base-rates-list/search" => (200, Rates()),
        "/payments/v3/payment-authorization" => (200, JsonSerializer.Serialize(new { paymentAuthorizationToken = PaymentToken })),
        "/labels/v3/label" => Label(request),
        "/tracking/v3r2/tracking" => (200, Tracking(body)),
        _ => (404, ErrorBody(404, "404", "Resource Not Found")),
    };

    private (int Status, string Body) Label(HttpRequest request)
    {
        LastAccept = request.Headers.Accept.ToString();
        LastPaymentHeader = request.Headers["X-Payment-Authorization-Token"].ToString();
        if (LastPaymentHeader != PaymentToken)
        {
            return (403, ErrorBody(403, "403", "Payment authorization token is missing or invalid."));
        }

        return (200, JsonSerializer.Serialize(new
        {
            labelAddress = new { streetAddress = "1 CONGRESS AVE", city = "AUSTIN", state = "TX", ZIPCode = "78702" },
            routingInformation = "420787029",
            trackingNumber = TrackingNumber,
            SKU = "DPXX0XXXXX07200",
            postage = 7.35,
            extraServices = Array.Empty<object>(),
            zone = "05",
            commitment = new { name = "2-Day", scheduleDeliveryDate = "2026-12-05" },
            weightUOM = "lb",
            weight = 2.32,
            fees = Array.Empty<object>(),
            bannerText = "USPS GROUND ADVANTAGE",
            labelImage = Convert.ToBase64String(LabelPdf),
        }));
    }

    private static string Rates()
    {
        static object Option(double price, string mailClass, string indicator, string product) => new
        {
            totalBasePrice = price,
            rates = new[]
            {
                new
                {
                    SKU = "DPXX0XXXXX07200",
                    description = product,
                    priceType = "COMMERCIAL",
                    price,
                    weight = 2.32,
                    dimWeight = 3.0,
                    fees = Array.Empty<object>(),
                    startDate = "2026-07-13",
                    mailClass,
                    zone = "05",
                    productName = product,
                    productDefinition = product,
                    processingCategory = "MACHINABLE",
                    rateIndicator = indicator,
                    destinationEntryFacilityType = "NONE",
                },
            },
        };

        return JsonSerializer.Serialize(new
        {
            rateOptions = new[]
            {
                Option(7.35, "USPS_GROUND_ADVANTAGE", "SP", "USPS Ground Advantage Machinable Single-piece"),
                Option(10.40, "PRIORITY_MAIL", "SP", "Priority Mail Machinable Single-piece"),
                // Cheaper, but a box the store does not ship in: never offered.
                Option(9.85, "PRIORITY_MAIL", "FE", "Priority Mail Flat Rate Envelope"),
                Option(31.40, "PRIORITY_MAIL_EXPRESS", "SP", "Priority Mail Express Single-piece"),
            },
        });
    }

    private static string Tracking(JsonObject? body)
    {
        static object Event(string at, string code, string type, string city) => new
        {
            eventType = type,
            eventTimestamp = at,
            GMTTimestamp = at,
            GMTOffset = "-06:00",
            eventCountry = "US",
            eventCity = city,
            eventState = "TX",
            eventZIPCode = "78702",
            eventCode = code,
        };

        var number = (string?)body?["trackingNumber"] ?? TrackingNumber;
        return JsonSerializer.Serialize(new[]
        {
            new
            {
                trackingNumber = number,
                statusCategory = "Delivered",
                status = "Delivered, In/At Mailbox",
                trackingEvents = new[]
                {
                    // Newest first, as USPS lists them.
                    Event("2026-12-05T16:10:00Z", "01", "Delivered, In/At Mailbox", "AUSTIN"),
                    Event("2026-12-05T13:02:00Z", "OF", "Out for Delivery", "AUSTIN"),
                    Event("2026-12-04T19:45:00Z", "02", "Notice Left (No Authorized Recipient Available)", "AUSTIN"),
                    Event("2026-12-04T08:30:00Z", "10", "Arrived at USPS Regional Facility", "AUSTIN"),
                    Event("2026-12-03T17:00:00Z", "03", "USPS in possession of item", "DALLAS"),
                    Event("2026-12-03T12:00:00Z", "MA", "Shipping Label Created, USPS Awaiting Item", "DALLAS"),
                },
            },
        });
    }
}
