using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
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
/// A local stand-in for UPS's OAuth, Rating, Shipping and Tracking APIs, served by Kestrel on 127.0.0.1 at a port the
/// system picks, and answering with the shapes of UPS's published descriptions (OAuthClientCredentials.yaml,
/// Rating.yaml, Shipping.yaml, Tracking.yaml): a form-encoded client-credentials token request with Basic
/// authentication, a bearer token on every call, RateResponse with RatedShipment[], ShipmentResponse with
/// PackageResults[] (a 1Z number and a GIF label), trackResponse with the package's activity (newest first), and UPS's
/// error body (<c>{"response":{"errors":[{"code","message"}]}}</c>) for a refused request, a 429, a 404 and a 401.
/// <see cref="Mode"/>, <see cref="ShipMode"/> and <see cref="TrackMode"/> make each API slow, rate-limited or refusing.
/// </summary>
public sealed class UpsTestDouble : IAsyncDisposable
{
    public const string ClientId = "ups-client-id";
    public const string ClientSecret = "ups-client-secret";
    public const string AccountNumber = "A1B2C3";

    private const string Token = "ups-access-token-1";

    // UPS spells its properties as published (PascalCase in Rating, snake_case in OAuth): no naming policy.
    private static readonly JsonSerializerOptions AsPublished = new() { PropertyNamingPolicy = null };
    private WebApplication app = null!;
    private int tokenRequests;
    private int rateRequests;
    private int shipRequests;
    private int trackRequests;
    private int labelsSold;

    public enum Behaviour
    {
        Answer,
        Slow,
        RateLimited,
        Refuse,
    }

    public Behaviour Mode { get; set; }

    public Behaviour ShipMode { get; set; }

    public Behaviour TrackMode { get; set; }

    /// <summary>How long a label sale takes when answered: a wider window for two buyers to overlap in.</summary>
    public TimeSpan ShipLatency { get; set; }

    /// <summary>Each package's activity, newest first as UPS lists it; a number not here is UPS's 404.</summary>
    public ConcurrentDictionary<string, List<object>> Activities { get; } = new(StringComparer.Ordinal);

    /// <summary>Numbers UPS answers with a 500 (its error body), whatever <see cref="TrackMode"/> says.</summary>
    public ConcurrentDictionary<string, bool> FailingNumbers { get; } = new(StringComparer.Ordinal);

    public int ShipRequests => Volatile.Read(ref shipRequests);

    public int TrackRequests => Volatile.Read(ref trackRequests);

    private ConcurrentDictionary<string, int> TrackedNumbers { get; } = new(StringComparer.Ordinal);

    public int TrackRequestsFor(string number) => TrackedNumbers.GetValueOrDefault(number);

    /// <summary>The last shipping request's body and transId header as UPS received them.</summary>
    public JsonNode? LastShipRequest { get; private set; }

    public string? LastShipTransId { get; private set; }

    /// <summary>The tracking numbers of the labels sold, in order.</summary>
    public ConcurrentQueue<string> SoldNumbers { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public int TokenRequests => Volatile.Read(ref tokenRequests);

    public int RateRequests => Volatile.Read(ref rateRequests);

    /// <summary>The last rating request's body as UPS received it.</summary>
    public JsonNode? LastRateRequest { get; private set; }

    public static async Task<UpsTestDouble> StartAsync()
    {
        var ups = new UpsTestDouble();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        ups.app = builder.Build();
        ups.app.MapPost("/api/security/v1/oauth/token", ups.TokenAsync);
        ups.app.MapPost("/api/rating/{version}/{option}", ups.RateAsync);
        ups.app.MapPost("/api/shipments/{version}/ship", ups.ShipAsync);
        ups.app.MapGet("/api/track/v1/details/{inquiryNumber}", ups.TrackAsync);
        await ups.app.StartAsync();
        ups.BaseUrl = ups.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/api/";
        return ups;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        Interlocked.Increment(ref tokenRequests);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        if (request.Headers.Authorization.ToString() != expected || form?["grant_type"].ToString() != "client_credentials")
        {
            return Results.Json(new { response = new { errors = new[] { new { code = "10401", message = "ClientId is Invalid" } } } }, AsPublished, statusCode: 401);
        }

        return Results.Json(new
        {
            token_type = "Bearer",
            issued_at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            client_id = ClientId,
            access_token = Token,
            scope = "",
            expires_in = "14399",
            refresh_count = "0",
            status = "approved",
        }, AsPublished);
    }

    private async Task<IResult> RateAsync(HttpRequest request, string version, string option, CancellationToken ct)
    {
        Interlocked.Increment(ref rateRequests);
        if (request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            return Error(401, "250002", "Invalid Authentication Information.");
        }

        LastRateRequest = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
        switch (Mode)
        {
            case Behaviour.Slow:
                await Task.Delay(TimeSpan.FromSeconds(20), ct);
                break;
            case Behaviour.RateLimited:
                return Error(429, "10429", "Too Many Requests");
            case Behaviour.Refuse:
                return Error(400, "111210", "The requested service is unavailable between the selected locations.");
        }

        if (version != "v2409" || option != "Shop")
        {
            return Error(400, "111100", "The requested service is invalid.");
        }

        return Results.Json(new
        {
            RateResponse = new
            {
                Response = new { ResponseStatus = new { Code = "1", Description = "Success" } },
                RatedShipment = new[] { Rated("03", "12.34", null), Rated("02", "25.50", "2") },
            },
        }, AsPublished);
    }

    private async Task<IResult> ShipAsync(HttpRequest request, string version, CancellationToken ct)
    {
        Interlocked.Increment(ref shipRequests);
        if (request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            return Error(401, "250002", "Invalid Authentication Information.");
        }

        LastShipRequest = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
        LastShipTransId = request.Headers["transId"].ToString();
        switch (ShipMode)
        {
            case Behaviour.Slow:
                await Task.Delay(TimeSpan.FromSeconds(20), ct);
                break;
            case Behaviour.RateLimited:
                return Error(429, "10429", "Too Many Requests");
            case Behaviour.Refuse:
                return Error(400, "120802", "Address Validation Error on ShipTo address");
        }

        var shipment = LastShipRequest?["ShipmentRequest"]?["Shipment"];
        if (version != "v2409" || shipment?["Service"]?["Code"] is null || shipment["Shipper"]?["ShipperNumber"]?.ToString() != AccountNumber)
        {
            return Error(400, "120100", "Missing or invalid shipper number");
        }

        await Task.Delay(ShipLatency, ct);
        var number = $"1Z{AccountNumber}{shipment["Service"]!["Code"]}{Interlocked.Increment(ref labelsSold):D8}";
        SoldNumbers.Enqueue(number);
        return Results.Json(new
        {
            ShipmentResponse = new
            {
                Response = new
                {
                    ResponseStatus = new { Code = "1", Description = "Success" },
                    TransactionReference = new { CustomerContext = LastShipRequest?["ShipmentRequest"]?["Request"]?["TransactionReference"]?["CustomerContext"]?.ToString() },
                },
                ShipmentResults = new
                {
                    ShipmentCharges = new
                    {
                        TransportationCharges = new { CurrencyCode = "USD", MonetaryValue = "12.34" },
                        ServiceOptionsCharges = new { CurrencyCode = "USD", MonetaryValue = "0.00" },
                        TotalCharges = new { CurrencyCode = "USD", MonetaryValue = "12.34" },
                    },
                    BillingWeight = new { UnitOfMeasurement = new { Code = "LBS", Description = "Pounds" }, Weight = "3.0" },
                    ShipmentIdentificationNumber = number,
                    PackageResults = new[]
                    {
                        new
                        {
                            TrackingNumber = number,
                            ServiceOptionsCharges = new { CurrencyCode = "USD", MonetaryValue = "0.00" },
                            ShippingLabel = new
                            {
                                ImageFormat = new { Code = "GIF", Description = "GIF" },
                                GraphicImage = Convert.ToBase64String(LabelGif),
                            },
                        },
                    },
                },
            },
        }, AsPublished);
    }

    private async Task<IResult> TrackAsync(HttpRequest request, string inquiryNumber, CancellationToken ct)
    {
        Interlocked.Increment(ref trackRequests);
        TrackedNumbers.AddOrUpdate(inquiryNumber, 1, (_, n) => n + 1);
        if (request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            return Error(401, "250002", "Invalid Authentication Information.");
        }

        if (string.IsNullOrEmpty(request.Headers["transId"]) || string.IsNullOrEmpty(request.Headers["transactionSrc"]))
        {
            return Error(400, "TV0001", "Missing transId or transactionSrc");
        }

        switch (TrackMode)
        {
            case Behaviour.Slow:
                await Task.Delay(TimeSpan.FromSeconds(20), ct);
                break;
            case Behaviour.RateLimited:
                return Error(429, "10429", "Too Many Requests");
        }

        if (FailingNumbers.ContainsKey(inquiryNumber))
        {
            return Error(500, "TW0002", "Internal server error");
        }

        if (!Activities.TryGetValue(inquiryNumber, out var activity))
        {
            return Error(404, "TW0001", "Tracking Information Not Found");
        }

        return Results.Json(new
        {
            trackResponse = new
            {
                shipment = new[]
                {
                    new { inquiryNumber, package = new[] { new { trackingNumber = inquiryNumber, activity = activity.ToArray() } } },
                },
            },
        }, AsPublished);
    }

    /// <summary>One tracking activity as UPS's Tracking API writes it (camelCase, times as GMT date and time).</summary>
    public static object Activity(DateTimeOffset at, string type, string code, string description, string city) => new
    {
        location = new { address = new { city, stateProvince = "TN", countryCode = "US", country = "US" }, slic = "3802" },
        status = new { type, description, code, statusCode = "005" },
        date = at.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
        time = at.ToOffset(TimeSpan.FromHours(-5)).ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture),
        gmtDate = at.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
        gmtOffset = "-05:00",
        gmtTime = at.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A 60 × 40 two-colour GIF (landscape, as UPS's labels are), written by hand: LZW with a clear code before every
    /// two pixels keeps every code 3 bits wide, which any decoder reads.
    /// </summary>
    public static byte[] LabelGif { get; } = Gif(60, 40);

    private static byte[] Gif(int width, int height)
    {
        var codes = new List<int>();
        for (var i = 0; i < width * height; i += 2)
        {
            codes.Add(4);
            for (var j = i; j < Math.Min(i + 2, width * height); j++)
            {
                var (x, y) = (j % width, j / width);
                codes.Add(x is >= 5 and < 30 && y is >= 5 and < 35 ? 1 : 0);
            }
        }

        codes.Add(5);
        var packed = new List<byte>();
        int bits = 0, count = 0;
        foreach (var code in codes)
        {
            bits |= code << count;
            count += 3;
            while (count >= 8)
            {
                packed.Add((byte)(bits & 0xFF));
                bits >>= 8;
                count -= 8;
            }
        }

        if (count > 0)
        {
            packed.Add((byte)(bits & 0xFF));
        }

        var gif = new List<byte>(Encoding.ASCII.GetBytes("GIF89a"));
        gif.AddRange(BitConverter.GetBytes((ushort)width));
        gif.AddRange(BitConverter.GetBytes((ushort)height));
        gif.AddRange([0x80, 0, 0, 255, 255, 255, 0, 0, 0, (byte)',', 0, 0, 0, 0]);
        gif.AddRange(BitConverter.GetBytes((ushort)width));
        gif.AddRange(BitConverter.GetBytes((ushort)height));
        gif.AddRange([0, 2]);
        foreach (var chunk in packed.Chunk(255))
        {
            gif.Add((byte)chunk.Length);
            gif.AddRange(chunk);
        }

        gif.AddRange([0, (byte)';']);
        return [.. gif];
    }

    private static object Rated(string service, string total, string? days) => new
    {
        Service = new { Code = service, Description = "" },
        BillingWeight = new { UnitOfMeasurement = new { Code = "LBS", Description = "Pounds" }, Weight = "3.0" },
        TransportationCharges = new { CurrencyCode = "USD", MonetaryValue = total },
        ServiceOptionsCharges = new { CurrencyCode = "USD", MonetaryValue = "0.00" },
        TotalCharges = new { CurrencyCode = "USD", MonetaryValue = total },
        GuaranteedDelivery = days is null ? null : new { BusinessDaysInTransit = days },
        RatedPackage = new[] { new { Weight = "3.0" } },
    };

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { response = new { errors = new[] { new { code, message } } } }, AsPublished, statusCode: status);
}
