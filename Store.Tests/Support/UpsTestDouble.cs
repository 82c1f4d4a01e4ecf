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
/// A local stand-in for UPS's OAuth and Rating APIs, served by Kestrel on 127.0.0.1 at a port the system picks, and
/// answering with the shapes of UPS's published descriptions (OAuthClientCredentials.yaml, Rating.yaml): a form-encoded
/// client-credentials token request with Basic authentication, a bearer token on every rating call, RateResponse
/// with RatedShipment[], and UPS's error body (<c>{"response":{"errors":[{"code","message"}]}}</c>) for a refused
/// request, a 429 and a 401. <see cref="Mode"/> makes it slow, rate-limited or refusing.
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

    public enum Behaviour
    {
        Answer,
        Slow,
        RateLimited,
        Refuse,
    }

    public Behaviour Mode { get; set; }

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
