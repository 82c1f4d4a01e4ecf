using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Shipping.Carriers.FedEx.Generated.Rate;
using Store.Infrastructure.Shipping.Carriers.FedEx.Generated.Ship;
using Store.Infrastructure.Shipping.Carriers.FedEx.Generated.Track;

namespace Store.Infrastructure.Shipping.Carriers.FedEx;

/// <summary>
/// FedEx through the clients generated from its published descriptions (see openapi/ next to this file): Rate and
/// Transit Times, Ship, and Track. Service codes are FedEx's service types (<c>fedex:FEDEX_GROUND</c>); rates are the
/// account's own (rate request type ACCOUNT), for a parcel in the shipper's own packaging dropped off at FedEx.
/// </summary>
public sealed class FedExCarrier(
    IHttpClientFactory http, IOptionsMonitor<CarrierOptions> options, CarrierTokenCache tokens, CarrierHealth health, IClock clock)
    : ICarrierLabels, ICarrierTracking
{
    public const string HttpClientName = "carriers.fedex";
    private const string Json = "application/json";
    private const string OwnPackaging = "YOUR_PACKAGING";

    // FedEx spells transit times as words (ONE_DAY … TWENTY_DAYS).
    private static readonly string[] DayWords =
    [
        "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN",
        "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN", "TWENTY",
    ];

    public string Code => "fedex";

    public string Name => "FedEx";

    public bool IsConfigured => Settings.IsConfigured;

    private FedExOptions Settings => options.CurrentValue.FedEx;

    public async Task<IReadOnlyList<CarrierRate>> RatesAsync(CarrierParcel parcel, CancellationToken ct)
    {
        var (unit, weight) = Weight(parcel.From.Country, parcel.WeightGrams);
        var shipment = new RequestedShipment
        {
            Shipper = new RateParty { Address = RateAddressOf(parcel.From) },
            Recipient = new RateParty { Address = RateAddressOf(parcel.To) },
            PickupType = RequestedShipmentPickupType.DROPOFF_AT_FEDEX_LOCATION,
            RateRequestType = [Generated.Rate.RateRequestType.ACCOUNT],
            PreferredCurrency = parcel.Currency,
            PackagingType = OwnPackaging,
            RequestedPackageLineItems = [new Generated.Rate.RequestedPackageLineItem { Weight = new Weight_2 { Units = unit, Value = weight } }],
        };
        var body = new Full_Schema_Quote_Rate
        {
            AccountNumber = new Generated.Rate.AccountNumber { Value = Settings.AccountNumber },
            RequestedShipment = shipment,
        };

        var answer = await CallAsync(
            (client, bearer) => new FedExRateClient(client).Rate_and_Transit_timesAsync(Json, bearer, body, x_customer_transaction_id: Guid.NewGuid().ToString("N"), cancellationToken: ct),
            ct);
        return [.. (answer.Output?.RateReplyDetails ?? [])
            .Where(r => !string.IsNullOrEmpty(r.ServiceType))
            .Select(r => (Reply: r, Detail: r.RatedShipmentDetails?.FirstOrDefault(d => d.RateType == RatedShipmentDetailRateType.ACCOUNT)
                ?? r.RatedShipmentDetails?.FirstOrDefault()))
            .Where(r => r.Detail?.TotalNetCharge is not null)
            .Select(r =>
            {
                var currency = r.Detail!.ShipmentRateDetail?.Currency is { Length: 3 } stated ? stated : parcel.Currency;
                return new CarrierRate(
                    r.Reply.ServiceType!,
                    r.Reply.ServiceName ?? r.Reply.ServiceType!,
                    Currencies.ToMinor((decimal)r.Detail.TotalNetCharge!.Value, currency),
                    currency,
                    TransitDays(r.Reply.Commit));
            })];
    }

    public async Task<CarrierLabel> BuyLabelAsync(CarrierLabelRequest request, CancellationToken ct)
    {
        var settings = Settings;
        var (unit, weight) = Weight(request.From.Country, request.WeightGrams);
        var body = new Full_Schema_Ship
        {
            AccountNumber = new ShipperAccountNumber { Value = settings.AccountNumber! },
            LabelResponseOptions = LABELRESPONSEOPTIONS.LABEL,
            RequestedShipment = new RequestedShipment_1
            {
                Shipper = new ShipperParty { Address = PartyAddressOf(request.From), Contact = ContactOf(request.From, settings) },
                Recipients = [new RecipientsParty { Address = PartyAddressOf(request.To), Contact = ContactOf(request.To, settings) }],
                ShipDatestamp = clock.UtcNow.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ServiceType = request.ServiceCode,
                PackagingType = OwnPackaging,
                PickupType = RequestedShipment_1PickupType.DROPOFF_AT_FEDEX_LOCATION,
                TotalWeight = weight,
                ShippingChargesPayment = new Generated.Ship.Payment { PaymentType = Generated.Ship.PaymentType.SENDER },
                LabelSpecification = new LabelSpecification
                {
                    ImageType = LabelSpecificationImageType.PDF,
                    LabelStockType = LabelSpecificationLabelStockType.PAPER_4X6,
                },
                RequestedPackageLineItems =
                [
                    new Generated.Ship.RequestedPackageLineItem
                    {
                        Weight = new Generated.Ship.Weight { Units = unit == "KG" ? WeightUnits.KG : WeightUnits.LB, Value = weight },
                        CustomerReferences =
                        [
                            new CustomerReference_1 { CustomerReferenceType = CustomerReference_1CustomerReferenceType.CUSTOMER_REFERENCE, Value = request.Reference },
                        ],
                    },
                ],
            },
        };

        try
        {
            // FedEx Ship takes no idempotency key; x-customer-transaction-id carries the store's key, echoed in the
            // answer and FedEx's logs, so a support case can find the one shipment a retry would otherwise repeat.
            var answer = await CallAsync(
                (client, bearer) => new FedExShipClient(client).Create_ShipmentAsync(Json, bearer, body, x_customer_transaction_id: request.IdempotencyKey, cancellationToken: ct),
                ct);
            var shipment = answer.Output?.TransactionShipments?.FirstOrDefault();
            var piece = shipment?.PieceResponses?.FirstOrDefault();
            var document = piece?.PackageDocuments?.FirstOrDefault(d => !string.IsNullOrEmpty(d.EncodedLabel));
            var tracking = shipment?.MasterTrackingNumber ?? piece?.TrackingNumber ?? document?.TrackingNumber;
            if (string.IsNullOrEmpty(tracking) || document?.EncodedLabel is not { } encoded)
            {
                throw new InvalidOperationException("FedEx answered the shipment without a tracking number or label.");
            }

            health.Succeeded(Code);
            var charged = piece?.NetChargeAmount is { } net ? Currencies.ToMinor((decimal)net, "USD") : (long?)null;
            return new CarrierLabel(tracking, "pdf", Convert.FromBase64String(encoded), charged, charged is null ? null : "USD");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            health.Failed(Code, "label: " + CarrierErrors.Describe(e));
            throw;
        }
    }

    public async Task<IReadOnlyList<CarrierTrackingEvent>> TrackAsync(string trackingNumber, CancellationToken ct)
    {
        var body = new Full_Schema_Tracking_Numbers
        {
            IncludeDetailedScans = true,
            TrackingInfo = [new TrackingInfo { TrackingNumberInfo = new TrackingNumberInfo { TrackingNumber = trackingNumber } }],
        };
        try
        {
            var answer = await CallAsync(
                (client, bearer) => new FedExTrackClient(client).Track_by_Tracking_NumberAsync(Json, bearer, body, cancellationToken: ct),
                ct);
            var result = answer.Output?.CompleteTrackResults?.FirstOrDefault(r => r.TrackingNumber == trackingNumber)?.TrackResults?.FirstOrDefault();
            health.Succeeded(Code);
            return [.. (result?.ScanEvents ?? [])
                .Select(e => (Event: e, At: DateTimeOffset.TryParse(e.Date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null))
                .Where(e => e.At is not null)
                .Select(e => new CarrierTrackingEvent(
                    e.At!.Value.ToUniversalTime(),
                    KindOf(e.Event.EventType, e.Event.DerivedStatusCode),
                    e.Event.EventType ?? e.Event.DerivedStatusCode ?? "",
                    string.IsNullOrWhiteSpace(e.Event.ExceptionDescription) ? e.Event.EventDescription : $"{e.Event.EventDescription}: {e.Event.ExceptionDescription}",
                    Location(e.Event.ScanLocation)))
                .OrderBy(e => e.OccurredAt)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            health.Failed(Code, "tracking: " + CarrierErrors.Describe(e));
            throw;
        }
    }

    /// <summary>
    /// FedEx scan event types onto the store's steps. Exceptions (DE delivery exception, SE shipment exception, a
    /// clearance delay) are not steps of their own: the parcel stays in transit, with FedEx's code and wording kept.
    /// </summary>
    internal static ShipmentEventKind KindOf(string? eventType, string? derivedStatus) => (eventType ?? derivedStatus) switch
    {
        "OC" or "IN" => ShipmentEventKind.LabelCreated,
        "PU" or "PX" => ShipmentEventKind.Shipped,
        "OD" => ShipmentEventKind.OutForDelivery,
        "DL" => ShipmentEventKind.Delivered,
        _ => ShipmentEventKind.InTransit,
    };

    /// <summary>Pounds from the US, kilograms elsewhere; rounded up to a tenth.</summary>
    internal static (string Unit, double Weight) Weight(string originCountry, long grams)
    {
        var pounds = string.Equals(originCountry, "US", StringComparison.OrdinalIgnoreCase);
        var amount = pounds ? grams / 453.59237m : grams / 1000m;
        return (pounds ? "LB" : "KG", (double)(Math.Max(1m, Math.Ceiling(amount * 10m)) / 10m));
    }

    private static int? TransitDays(Commit? commit)
    {
        var word = commit?.DaysInTransit?.ToString() ?? commit?.TransitDays?.MinimumTransitTime?.ToString();
        var index = word is null ? -1 : Array.IndexOf(DayWords, word.Replace("_DAYS", "", StringComparison.Ordinal).Replace("_DAY", "", StringComparison.Ordinal));
        return index < 0 ? null : index + 1;
    }

    private static string? Location(AddressVO1? place) =>
        place is null ? null
        : string.Join(", ", new[] { place.City, place.StateOrProvinceCode, place.CountryCode }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } text ? text : null;

    private static RateAddress RateAddressOf(CarrierAddress address) => new()
    {
        City = address.City,
        StateOrProvinceCode = address.Region,
        PostalCode = address.PostalCode ?? "",
        CountryCode = address.Country,
    };

    private static PartyAddress_2 PartyAddressOf(CarrierAddress address) => new()
    {
        StreetLines = [address.Line1 ?? ""],
        City = address.City ?? "",
        StateOrProvinceCode = address.Region,
        PostalCode = address.PostalCode,
        CountryCode = address.Country,
    };

    // FedEx requires a phone number for both parties and the store keeps none for shoppers: the shipper's number is
    // the one FedEx calls about the parcel either way.
    private static PartyContact ContactOf(CarrierAddress address, FedExOptions settings) =>
        new() { PersonName = address.Name, PhoneNumber = settings.PhoneNumber ?? "" };

    private async Task<T> CallAsync<T>(Func<HttpClient, string, Task<T>> call, CancellationToken ct)
    {
        var token = await tokens.GetAsync(Code, FetchTokenAsync, ct);
        try
        {
            return await call(Client(), "Bearer " + token);
        }
        catch (Exception e) when (CarrierErrors.StatusOf(e) == (int)HttpStatusCode.Unauthorized)
        {
            tokens.Forget(Code);
            throw;
        }
    }

    /// <summary>
    /// Written by hand, as the generated client would send JSON under the form content type: FedEx's API Authorization
    /// (openapi/authorization.json, POST /oauth/token, form-encoded client_credentials), answered with access_token and
    /// expires_in.
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
        using var response = await Client().PostAsync(new Uri("oauth/token", UriKind.Relative), form, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new CarrierHttpException((int)response.StatusCode, $"FedEx refused the token request: {text}");
        }

        var token = JsonSerializer.Deserialize<TokenAnswer>(text);
        if (string.IsNullOrEmpty(token?.AccessToken) || token.ExpiresIn <= 0)
        {
            throw new InvalidOperationException("FedEx answered the token request without a token or its lifetime.");
        }

        return new CarrierToken(token.AccessToken, issued.AddSeconds(token.ExpiresIn));
    }

    private HttpClient Client()
    {
        var client = http.CreateClient(HttpClientName);
        var url = Settings.BaseUrl.ToString();
        client.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
        return client;
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}
