using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Store.Tests.Support;

/// <summary>
/// A local stand-in for FedEx's APIs with the shapes of its published descriptions (API Authorization, Rate and
/// Transit Times, Ship, Track): a form-encoded client-credentials token, a bearer token on every call, rate reply
/// details with ACCOUNT rated shipment details and commit days, a shipment with its base64 PDF label, and scan events.
/// Errors are FedEx's body (<c>{"transactionId","errors":[{"code","message"}]}</c>); faults (a 429, a refusal, a
/// delay past the timeout) are injected per path with <see cref="FakeProviderServer"/>.
/// </summary>
public sealed class FedExTestDouble : FakeProviderServer
{
    public const string ClientId = "fedex-api-key";
    public const string ClientSecret = "fedex-secret-key";
    public const string AccountNumber = "740561073";
    public const string PhoneNumber = "5125550100";
    public const string TrackingNumber = "794953535000";

    private const string Token = "fedex-access-token";

    public static readonly byte[] LabelPdf = Encoding.ASCII.GetBytes("%PDF-1.4 fedex label");

    /// <summary>The x-customer-transaction-id of the last shipment request (FedEx echoes it; it dedupes nothing).</summary>
    public string? LastShipTransactionId { get; private set; }

    public static async Task<FedExTestDouble> StartAsync()
    {
        var fedex = new FedExTestDouble();
        await fedex.StartServerAsync();
        return fedex;
    }

    public static string ErrorBody(string code, string message) =>
        JsonSerializer.Serialize(new { transactionId = Guid.NewGuid().ToString(), errors = new[] { new { code, message } } });

    protected override string? KeyOf(HttpRequest request, JsonObject? body) => null;

    protected override string? Unauthorised(HttpRequest request, string path) =>
        path == "/oauth/token" || request.Headers.Authorization.ToString() == "Bearer " + Token
            ? null
            : ErrorBody("NOT.AUTHORIZED.ERROR", "Access token expired. Please modify your request and try again.");

    protected override (int Status, string Body) Answer(HttpRequest request, string path, JsonObject? body, string? idempotencyKey)
    {
        var transaction = request.Headers["x-customer-transaction-id"].ToString();
        switch (path)
        {
            case "/oauth/token":
                return (200, JsonSerializer.Serialize(new { access_token = Token, token_type = "bearer", expires_in = 3599, scope = "CXS-TP" }));
            case "/rate/v1/rates/quotes":
                return (200, Rates(transaction));
            case "/ship/v1/shipments":
                LastShipTransactionId = transaction;
                return (200, Shipment(transaction, (string?)body?["requestedShipment"]?["serviceType"] ?? ""));
            case "/track/v1/trackingnumbers":
                return (200, Tracking());
            default:
                return (404, ErrorBody("NOT.FOUND.ERROR", "The resource you requested is no longer available."));
        }
    }

    private static string Rates(string transaction)
    {
        static object Reply(string service, string name, double net, object commit) => new
        {
            serviceType = service,
            serviceName = name,
            packagingType = "YOUR_PACKAGING",
            ratedShipmentDetails = new[]
            {
                new
                {
                    rateType = "ACCOUNT",
                    ratedWeightMethod = "ACTUAL",
                    totalDiscounts = 0.0,
                    totalBaseCharge = net - 1.5,
                    totalNetCharge = net,
                    totalNetFedExCharge = net,
                    shipmentRateDetail = new { rateZone = "05", dimDivisor = 0, fuelSurchargePercent = 18.5, totalSurcharges = 1.5, currency = "USD" },
                },
            },
            commit,
        };

        return JsonSerializer.Serialize(new
        {
            transactionId = Guid.NewGuid().ToString(),
            customerTransactionId = transaction,
            output = new
            {
                rateReplyDetails = new[]
                {
                    Reply("FEDEX_GROUND", "FedEx Ground®", 13.27, new { transitDays = new { minimumTransitTime = "THREE_DAYS", description = "3 Business Days" } }),
                    Reply("FEDEX_2_DAY", "FedEx 2Day®", 28.90, new { daysInTransit = "TWO_DAYS" }),
                },
                quoteDate = "2026-12-03",
                encoded = false,
            },
        });
    }

    private static string Shipment(string transaction, string service) => JsonSerializer.Serialize(new
    {
        transactionId = Guid.NewGuid().ToString(),
        customerTransactionId = transaction,
        output = new
        {
            transactionShipments = new[]
            {
                new
                {
                    serviceType = service,
                    shipDatestamp = "2026-12-03",
                    serviceName = "FedEx Ground®",
                    masterTrackingNumber = TrackingNumber,
                    pieceResponses = new[]
                    {
                        new
                        {
                            masterTrackingNumber = TrackingNumber,
                            trackingNumber = TrackingNumber,
                            packageSequenceNumber = 1,
                            netChargeAmount = 13.27,
                            packageDocuments = new[]
                            {
                                new { contentType = "LABEL", copiesToPrint = 1, encodedLabel = Convert.ToBase64String(LabelPdf), docType = "PDF" },
                            },
                        },
                    },
                },
            },
        },
    });

    private static string Tracking()
    {
        static object Scan(string at, string type, string derived, string description, string exception, string city) => new
        {
            date = at,
            derivedStatus = description,
            scanLocation = new { city, stateOrProvinceCode = "TX", countryCode = "US", residential = false },
            eventDescription = description,
            eventType = type,
            derivedStatusCode = derived,
            exceptionCode = exception.Length > 0 ? "08" : "",
            exceptionDescription = exception,
        };

        return JsonSerializer.Serialize(new
        {
            transactionId = Guid.NewGuid().ToString(),
            output = new
            {
                completeTrackResults = new[]
                {
                    new
                    {
                        trackingNumber = TrackingNumber,
                        trackResults = new[]
                        {
                            new
                            {
                                scanEvents = new[]
                                {
                                    // Newest first, as FedEx lists them.
                                    Scan("2026-12-05T14:21:00-06:00", "DL", "DL", "Delivered", "", "AUSTIN"),
                                    Scan("2026-12-05T08:02:00-06:00", "OD", "IT", "On FedEx vehicle for delivery", "", "AUSTIN"),
                                    Scan("2026-12-04T17:40:00-06:00", "DE", "DE", "Delivery exception", "Customer not available or business closed", "AUSTIN"),
                                    Scan("2026-12-04T05:12:00-06:00", "AR", "IT", "Arrived at FedEx location", "", "AUSTIN"),
                                    Scan("2026-12-03T16:45:00-06:00", "PU", "PU", "Picked up", "", "DALLAS"),
                                    Scan("2026-12-03T09:00:00-06:00", "OC", "IN", "Shipment information sent to FedEx", "", "DALLAS"),
                                },
                            },
                        },
                    },
                },
            },
        });
    }
}
