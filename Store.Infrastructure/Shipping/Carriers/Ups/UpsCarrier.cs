using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Infrastructure.Shipping.Carriers.Ups.Generated.OAuth;
using Store.Infrastructure.Shipping.Carriers.Ups.Generated.Rating;

namespace Store.Infrastructure.Shipping.Carriers.Ups;

/// <summary>UPS through the clients generated from its published OpenAPI descriptions (see openapi/ next to this file).</summary>
public sealed partial class UpsCarrier(IHttpClientFactory http, IOptionsMonitor<CarrierOptions> options, CarrierTokenCache tokens, IClock clock)
    : ICarrierLabels, ICarrierTracking
{
    public const string HttpClientName = "carriers.ups";
    private const string RatingVersion = "v2409";

    // UPS's service codes (Rating appendix); a code it adds later is shown with its own description.
    private static readonly Dictionary<string, string> ServiceNames = new(StringComparer.Ordinal)
    {
        ["01"] = "Next Day Air",
        ["02"] = "2nd Day Air",
        ["03"] = "Ground",
        ["07"] = "Worldwide Express",
        ["08"] = "Worldwide Expedited",
        ["11"] = "Standard",
        ["12"] = "3 Day Select",
        ["13"] = "Next Day Air Saver",
        ["14"] = "Next Day Air Early",
        ["54"] = "Worldwide Express Plus",
        ["59"] = "2nd Day Air A.M.",
        ["65"] = "Saver",
    };

    public string Code => "ups";

    public string Name => "UPS";

    public bool IsConfigured => Settings.IsConfigured;

    private UpsOptions Settings => options.CurrentValue.Ups;

    public async Task<IReadOnlyList<CarrierRate>> RatesAsync(CarrierParcel parcel, CancellationToken ct)
    {
        var client = new UpsRatingClient(await AuthorisedClientAsync(ct));
        var shipment = new RateRequest_Shipment
        {
            Shipper = new Shipment_Shipper
            {
                ShipperNumber = Settings.AccountNumber,
                Address = new Shipper_Address
                {
                    CountryCode = parcel.From.Country,
                    StateProvinceCode = parcel.From.Region,
                    PostalCode = parcel.From.PostalCode,
                    City = parcel.From.City,
                },
            },
            ShipTo = new Shipment_ShipTo
            {
                Address = new ShipTo_Address
                {
                    CountryCode = parcel.To.Country,
                    StateProvinceCode = parcel.To.Region,
                    PostalCode = parcel.To.PostalCode,
                    City = parcel.To.City,
                },
            },
        };
        var (unit, weight) = Weight(parcel.From.Country, parcel.WeightGrams);
        shipment.Package.Add(new Shipment_Package
        {
            // 02: the shipper's own box.
            PackagingType = new Package_PackagingType { Code = "02" },
            PackageWeight = new Package_PackageWeight
            {
                UnitOfMeasurement = new PackageWeight_UnitOfMeasurement { Code = unit, Description = unit },
                Weight = weight,
            },
        });

        var body = new RATERequestWrapper { RateRequest = new RateRequest { Shipment = shipment } };
        RATEResponseWrapper response;
        try
        {
            response = await client.RateAsync(RatingVersion, "Shop", body, transId: Guid.NewGuid().ToString("N"), transactionSrc: "store", cancellationToken: ct);
        }
        catch (UpsRatingClientException e) when (e.StatusCode == (int)HttpStatusCode.Unauthorized)
        {
            tokens.Forget(Code);
            throw;
        }

        return [.. response.RateResponse.RatedShipment.Select(r => new CarrierRate(
            r.Service.Code,
            ServiceNames.TryGetValue(r.Service.Code, out var name) ? name : r.Service.Description ?? r.Service.Code,
            Currencies.ToMinor(decimal.Parse(r.TotalCharges.MonetaryValue, NumberStyles.Number, CultureInfo.InvariantCulture), r.TotalCharges.CurrencyCode),
            r.TotalCharges.CurrencyCode,
            int.TryParse(r.GuaranteedDelivery?.BusinessDaysInTransit, CultureInfo.InvariantCulture, out var days) ? days : null))];
    }

    /// <summary>Pounds from the US (UPS refuses kilograms there), kilograms elsewhere; rounded up to a tenth.</summary>
    internal static (string Unit, string Weight) Weight(string originCountry, long grams)
    {
        var pounds = string.Equals(originCountry, "US", StringComparison.OrdinalIgnoreCase);
        var amount = pounds ? grams / 453.59237m : grams / 1000m;
        var tenths = Math.Max(1m, Math.Ceiling(amount * 10m)) / 10m;
        return (pounds ? "LBS" : "KGS", tenths.ToString("0.0", CultureInfo.InvariantCulture));
    }

    private async Task<HttpClient> AuthorisedClientAsync(CancellationToken ct)
    {
        var token = await tokens.GetAsync(Code, FetchTokenAsync, ct);
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<CarrierToken> FetchTokenAsync(CancellationToken ct)
    {
        var client = Client();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Settings.ClientId}:{Settings.ClientSecret}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
        var issued = clock.UtcNow;
        var answer = await new UpsOAuthClient(client).CreateTokenAsync(new Body(), Settings.AccountNumber, ct);
        if (string.IsNullOrEmpty(answer.Access_token) || !long.TryParse(answer.Expires_in, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new InvalidOperationException("UPS answered the token request without a token or its lifetime.");
        }

        return new CarrierToken(answer.Access_token, issued.AddSeconds(seconds));
    }

    private HttpClient Client()
    {
        var client = http.CreateClient(HttpClientName);
        // The generated clients send paths relative to the base address, which must end in a slash to keep its own path.
        var url = Settings.BaseUrl.ToString();
        client.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
        return client;
    }
}
