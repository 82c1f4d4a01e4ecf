using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Shipping.Carriers.Usps.Generated.Labels;
using Store.Infrastructure.Shipping.Carriers.Usps.Generated.Prices;
using Store.Infrastructure.Shipping.Carriers.Usps.Generated.Tracking;

namespace Store.Infrastructure.Shipping.Carriers.Usps;

/// <summary>
/// USPS (APIs 3.0) through the clients generated from its published descriptions (see openapi/ next to this file):
/// Domestic Prices for rates, Labels, and Tracking v3r2. Domestic only: a parcel leaving or reaching another country
/// gets no USPS rate. Service codes are the mail classes (<c>usps:PRIORITY_MAIL</c>), priced single-piece (rate
/// indicator SP) in the configured box, which is what the label is then bought as.
/// </summary>
public sealed class UspsCarrier(
    IHttpClientFactory http, IOptionsMonitor<CarrierOptions> options, CarrierTokenCache tokens, CarrierHealth health, IClock clock)
    : ICarrierLabels, ICarrierTracking
{
    public const string HttpClientName = "carriers.usps";
    private const string SinglePiece = "SP";

    // USPS spells CRID and MID in capitals: no naming policy.
    private static readonly JsonSerializerOptions AsSpelt = new();

    // The classes a web shop sells; the days are USPS's published service standards (the widest), as prices carry none.
    private static readonly (MailClassOutboundOnly Class, string Name, int Days)[] Services =
    [
        (MailClassOutboundOnly.USPS_GROUND_ADVANTAGE, "Ground Advantage", 5),
        (MailClassOutboundOnly.PRIORITY_MAIL, "Priority Mail", 3),
        (MailClassOutboundOnly.PRIORITY_MAIL_EXPRESS, "Priority Mail Express", 2),
    ];

    public string Code => "usps";

    public string Name => "USPS";

    public bool IsConfigured => Settings.IsConfigured;

    private UspsOptions Settings => options.CurrentValue.Usps;

    public async Task<IReadOnlyList<CarrierRate>> RatesAsync(CarrierParcel parcel, CancellationToken ct)
    {
        if (!IsDomestic(parcel.From.Country) || !IsDomestic(parcel.To.Country))
        {
            return [];
        }

        var settings = Settings;
        var query = new RateListQuery
        {
            OriginZIPCode = Zip(parcel.From.PostalCode),
            DestinationZIPCode = Zip(parcel.To.PostalCode),
            Weight = Pounds(parcel.WeightGrams),
            Length = settings.BoxLength,
            Width = settings.BoxWidth,
            Height = settings.BoxHeight,
            PriceType = Enum.Parse<PriceType>(settings.PriceType, ignoreCase: true),
            MailingDate = Today(),
        };
        var classes = new MailClassesOutboundOnly();
        foreach (var service in Services)
        {
            classes.Add(service.Class);
        }

        query.MailClasses = classes;
        if (!string.IsNullOrWhiteSpace(settings.AccountNumber))
        {
            query.AccountType = RateListQueryAccountType.EPS;
            query.AccountNumber = settings.AccountNumber;
        }

        var answer = await CallAsync(client => new UspsPricesClient(client).PostRateListAsync(query, ct), "prices/v3/", ct);
        var offered = (answer.RateOptions ?? []).Where(o => o.TotalBasePrice is not null && o.Rates?.FirstOrDefault() is not null).ToList();
        var rates = new List<CarrierRate>();
        foreach (var service in Services)
        {
            var mailClass = service.Class.ToString();
            var cheapest = offered
                .Where(o => o.Rates!.First() is { } rate && rate.MailClass == mailClass && rate.RateIndicator == SinglePiece)
                .MinBy(o => o.TotalBasePrice);
            if (cheapest is not null)
            {
                rates.Add(new CarrierRate(mailClass, service.Name, Usd(cheapest.TotalBasePrice!.Value), "USD", service.Days));
            }
        }

        return rates;
    }

    public async Task<CarrierLabel> BuyLabelAsync(CarrierLabelRequest request, CancellationToken ct)
    {
        var settings = Settings;
        if (!settings.CanBuyLabels)
        {
            throw new InvalidOperationException("USPS labels need Store:Carriers:Usps:Crid, Mid and AccountNumber.");
        }

        var mailClass = Enum.Parse<BaseDomesticPackageDescriptionMailClass>(request.ServiceCode, ignoreCase: false);
        var body = new LabelRequest
        {
            // LabelType and the units are left to USPS's defaults (4X6LABEL, lb, in): the generated enums would be sent by
            // their C# names (_4X6LABEL, Lb, In), which USPS does not take.
            ImageInfo = new ImageInfo2 { ImageType = ImageInfoImageType.PDF, LabelType = null, ReceiptOption = ImageInfoReceiptOption.NONE },
            FromAddress = From(request.From),
            ToAddress = To(request.To),
            PackageDescription = new DomesticPackageDescription
            {
                MailClass = mailClass,
                RateIndicator = DomesticPackageDescriptionRateIndicator.SP,
                ProcessingCategory = BaseDomesticPackageDescriptionProcessingCategory.MACHINABLE,
                DestinationEntryFacilityType = BaseDomesticPackageDescriptionDestinationEntryFacilityType.NONE,
                WeightUOM = null,
                Weight = Pounds(request.WeightGrams),
                DimensionsUOM = null,
                Length = settings.BoxLength,
                Width = settings.BoxWidth,
                Height = settings.BoxHeight,
                MailingDate = Today(),
                // USPS takes no idempotency key; the store's reference is printed and searchable on the label instead.
                CustomerReference = [new DomesticCustomerReference { ReferenceNumber = request.Reference, PrintReferenceNumber = true }],
            },
        };

        try
        {
            var payment = await PaymentAuthorizationAsync(settings, ct);
            var label = await CallAsync(client => new UspsLabelsClient(client).PostLabelAsJsonAsync(payment, body, ct), "labels/v3/", ct);
            if (string.IsNullOrEmpty(label.TrackingNumber) || label.LabelImage is not { Length: > 0 } image)
            {
                throw new InvalidOperationException("USPS answered the label request without a tracking number or image.");
            }

            health.Succeeded(Code);
            return new CarrierLabel(label.TrackingNumber, "pdf", image, label.Postage is { } postage ? Usd(postage) : null, "USD");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            health.Failed(Code, "label: " + CarrierErrors.Describe(e));
            throw;
        }
    }

    public async Task<IReadOnlyList<CarrierTrackingEvent>> TrackAsync(string trackingNumber, CancellationToken ct)
    {
        try
        {
            var details = await CallAsync(
                client => new UspsTrackingClient(client).GetPackageTrackingAsync([new TrackingRequestBody { TrackingNumber = trackingNumber }], ct),
                "tracking/v3r2/",
                ct);
            var detail = details.FirstOrDefault(d => d.TrackingNumber == trackingNumber) ?? details.FirstOrDefault();
            health.Succeeded(Code);
            return [.. (detail?.TrackingEvents ?? [])
                .Where(e => (e.GMTTimestamp ?? e.EventTimestamp) is not null)
                .Select(e => new CarrierTrackingEvent(
                    (e.GMTTimestamp ?? e.EventTimestamp)!.Value.ToUniversalTime(),
                    KindOf(e.EventCode, e.EventType),
                    e.EventCode ?? "",
                    e.EventType,
                    Location(e.EventCity, e.EventState, e.EventCountry)))
                .OrderBy(e => e.OccurredAt)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            health.Failed(Code, "tracking: " + CarrierErrors.Describe(e));
            throw;
        }
    }

    /// <summary>
    /// USPS event codes (Pub 97 / IMpb) onto the store's steps. Exceptions (notice left, refused, undeliverable, held)
    /// are not steps of their own: they keep the parcel in transit, with USPS's code and wording for the page.
    /// </summary>
    internal static ShipmentEventKind KindOf(string? code, string? description) => code switch
    {
        "MA" or "GX" or "GC" => ShipmentEventKind.LabelCreated,
        "03" or "OA" or "80" or "81" or "82" or "SF" => ShipmentEventKind.Shipped,
        "OF" or "59" => ShipmentEventKind.OutForDelivery,
        "01" or "17" or "43" or "DX" => ShipmentEventKind.Delivered,
        _ when description?.StartsWith("Delivered", StringComparison.OrdinalIgnoreCase) == true => ShipmentEventKind.Delivered,
        _ when description?.Contains("Out for Delivery", StringComparison.OrdinalIgnoreCase) == true => ShipmentEventKind.OutForDelivery,
        _ => ShipmentEventKind.InTransit,
    };

    private static string? Location(string? city, string? region, string? country) =>
        string.Join(", ", new[] { city, region, country }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } place ? place : null;

    private static bool IsDomestic(string country) => string.Equals(country, "US", StringComparison.OrdinalIgnoreCase);

    private static string Zip(string? postalCode) => (postalCode ?? "").Trim() is { Length: >= 5 } zip ? zip[..5] : postalCode ?? "";

    /// <summary>Pounds, rounded up to a hundredth (USPS prices by the next ounce at least; never zero).</summary>
    internal static double Pounds(long grams) => (double)Math.Max(0.01m, Math.Ceiling(grams / 453.59237m * 100m) / 100m);

    private static long Usd(double amount) => Currencies.ToMinor((decimal)amount, "USD");

    private DateTimeOffset Today() => new(clock.UtcNow.UtcDateTime.Date, TimeSpan.Zero);

    private static DomesticLabelAddress From(CarrierAddress address) => new()
    {
        Firm = address.Name,
        StreetAddress = address.Line1,
        City = address.City,
        State = address.Region,
        ZIPCode = Zip(address.PostalCode),
    };

    private static DomesticLabelToAddress To(CarrierAddress address)
    {
        var (first, last) = SplitName(address.Name);
        return new DomesticLabelToAddress
        {
            FirstName = first,
            LastName = last,
            StreetAddress = address.Line1,
            City = address.City,
            State = address.Region,
            ZIPCode = Zip(address.PostalCode),
        };
    }

    private static (string? First, string? Last) SplitName(string? name)
    {
        var parts = (name ?? "").Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => (null, null),
            1 => (null, parts[0]),
            _ => (parts[0], parts[1]),
        };
    }

    private async Task<T> CallAsync<T>(Func<HttpClient, Task<T>> call, string api, CancellationToken ct)
    {
        var token = await tokens.GetAsync(Code, FetchTokenAsync, ct);
        var client = Client(api);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            return await call(client);
        }
        catch (Exception e) when (CarrierErrors.StatusOf(e) == (int)HttpStatusCode.Unauthorized)
        {
            tokens.Forget(Code);
            throw;
        }
    }

    /// <summary>
    /// Written by hand, as the generated OAuth client would send a JSON body under a form content type: the token
    /// request of oauth2.yaml (post-token, client_credentials, form-encoded), answered with access_token and expires_in.
    /// </summary>
    private async Task<CarrierToken> FetchTokenAsync(CancellationToken ct)
    {
        var issued = clock.UtcNow;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Settings.ClientId ?? "",
            ["client_secret"] = Settings.ClientSecret ?? "",
        });
        using var response = await Client("oauth2/v3/").PostAsync(new Uri("token", UriKind.Relative), form, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new CarrierHttpException((int)response.StatusCode, $"USPS refused the token request: {text}");
        }

        var token = JsonSerializer.Deserialize<TokenAnswer>(text);
        if (string.IsNullOrEmpty(token?.AccessToken) || token.ExpiresIn <= 0)
        {
            throw new InvalidOperationException("USPS answered the token request without a token or its lifetime.");
        }

        return new CarrierToken(token.AccessToken, issued.AddSeconds(token.ExpiresIn));
    }

    /// <summary>
    /// Written by hand: no public copy of USPS's Payments 3.0 description was found, so this is the request of USPS's
    /// own example collection (github.com/USPS/api-examples, "Domestic Label Payment"): the account pays (PAYER) and
    /// owns the label (LABEL_OWNER); the answer's paymentAuthorizationToken goes with the label request.
    /// </summary>
    private async Task<string> PaymentAuthorizationAsync(UspsOptions settings, CancellationToken ct)
    {
        var token = await tokens.GetAsync(Code, FetchTokenAsync, ct);
        var client = Client("payments/v3/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        object Role(string name) => new
        {
            roleName = name,
            CRID = settings.Crid,
            MID = settings.Mid,
            manifestMID = settings.Mid,
            accountType = "EPS",
            accountNumber = settings.AccountNumber,
        };
        using var response = await client.PostAsJsonAsync(
            new Uri("payment-authorization", UriKind.Relative), new { roles = new[] { Role("PAYER"), Role("LABEL_OWNER") } }, AsSpelt, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                tokens.Forget(Code);
            }

            throw new CarrierHttpException((int)response.StatusCode, $"USPS refused the payment authorization: {text}");
        }

        return JsonSerializer.Deserialize<PaymentAnswer>(text)?.PaymentAuthorizationToken is { Length: > 0 } payment
            ? payment
            : throw new InvalidOperationException("USPS answered the payment authorization without a token.");
    }

    private HttpClient Client(string api)
    {
        var client = http.CreateClient(HttpClientName);
        // Each USPS API lives under its own path (prices/v3/, labels/v3/ …); the generated clients send paths relative to it.
        var url = Settings.BaseUrl.ToString();
        client.BaseAddress = new Uri(new Uri(url.EndsWith('/') ? url : url + "/"), api);
        return client;
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);

    private sealed record PaymentAnswer([property: JsonPropertyName("paymentAuthorizationToken")] string? PaymentAuthorizationToken);
}
