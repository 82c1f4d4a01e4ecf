using System.Globalization;
using System.Net;
using Store.Domain.Common;
using Store.Infrastructure.Shipping.Carriers.Ups.Generated.Shipping;

namespace Store.Infrastructure.Shipping.Carriers.Ups;

/// <summary>UPS Shipping: one package, billed to the store's UPS account, the label as GIF (or ZPL) in the answer.</summary>
public sealed partial class UpsCarrier
{
    // v2409 and later always answer PackageResults as an array (older versions sent a lone object for one package).
    private const string ShippingVersion = "v2409";

    // UPS's address lines hold 35 characters each.
    private const int AddressLineLength = 35;

    public async Task<CarrierLabel> BuyLabelAsync(CarrierLabelRequest request, CancellationToken ct)
    {
        var client = new UpsShippingClient(await AuthorisedClientAsync(ct));
        var (unit, weight) = Weight(request.From.Country, request.WeightGrams);
        var format = string.Equals(Settings.LabelFormat, "ZPL", StringComparison.OrdinalIgnoreCase) ? "ZPL" : "GIF";
        var body = new SHIPRequestWrapper
        {
            ShipmentRequest = new ShipmentRequest
            {
                // "validate": UPS checks the city against the postal code and refuses a label it could not deliver.
                Request = new ShipmentRequest_Request
                {
                    RequestOption = "validate",
                    TransactionReference = new Request_TransactionReference { CustomerContext = request.Reference },
                },
                Shipment = new ShipmentRequest_Shipment
                {
                    Description = request.Reference,
                    Shipper = new Shipment_Shipper
                    {
                        Name = Line(request.From.Name),
                        ShipperNumber = Settings.AccountNumber!,
                        Address = new Shipper_Address
                        {
                            AddressLine = Lines(request.From.Line1),
                            City = request.From.City ?? "",
                            StateProvinceCode = request.From.Region,
                            PostalCode = request.From.PostalCode,
                            CountryCode = request.From.Country,
                        },
                    },
                    ShipTo = new Shipment_ShipTo
                    {
                        Name = Line(request.To.Name),
                        Address = new ShipTo_Address
                        {
                            AddressLine = Lines(request.To.Line1),
                            City = request.To.City ?? "",
                            StateProvinceCode = request.To.Region,
                            PostalCode = request.To.PostalCode,
                            CountryCode = request.To.Country,
                        },
                    },
                    PaymentInformation = new Shipment_PaymentInformation
                    {
                        // 01: transportation charges, billed to the shipper's own account.
                        ShipmentCharge = [new PaymentInformation_ShipmentCharge { Type = "01", BillShipper = new ShipmentCharge_BillShipper { AccountNumber = Settings.AccountNumber } }],
                    },
                    Service = new Shipment_Service { Code = request.ServiceCode, Description = ServiceNames.GetValueOrDefault(request.ServiceCode) },
                    Package =
                    [
                        new Shipment_Package
                        {
                            // 02: the shipper's own box.
                            Packaging = new Package_Packaging { Code = "02" },
                            PackageWeight = new Package_PackageWeight
                            {
                                UnitOfMeasurement = new PackageWeight_UnitOfMeasurement { Code = unit, Description = unit },
                                Weight = weight,
                            },
                        },
                    ],
                },
                LabelSpecification = new ShipmentRequest_LabelSpecification
                {
                    LabelImageFormat = new LabelSpecification_LabelImageFormat { Code = format, Description = format },
                    LabelStockSize = new LabelSpecification_LabelStockSize { Height = "6", Width = "4" },
                },
            },
        };

        SHIPResponseWrapper response;
        try
        {
            // UPS has no idempotency key on Ship; transId (32 characters) carries ours so a support case can find the call.
            response = await client.ShipmentAsync(ShippingVersion, body, transId: TransactionId(request.IdempotencyKey), transactionSrc: "store", cancellationToken: ct);
        }
        catch (UpsShippingClientException e) when (e.StatusCode == (int)HttpStatusCode.Unauthorized)
        {
            tokens.Forget(Code);
            throw;
        }

        var package = response.ShipmentResponse.ShipmentResults.PackageResults?.FirstOrDefault()
            ?? throw new InvalidOperationException("UPS answered the shipment without a package.");
        var image = package.ShippingLabel ?? throw new InvalidOperationException("UPS answered the shipment without a label.");
        var charges = response.ShipmentResponse.ShipmentResults.ShipmentCharges?.TotalCharges;
        long? charged = charges is null ? null : Currencies.ToMinor(decimal.Parse(charges.MonetaryValue, NumberStyles.Number, CultureInfo.InvariantCulture), charges.CurrencyCode);
        return new CarrierLabel(
            package.TrackingNumber,
            image.ImageFormat.Code.ToLowerInvariant(),
            Convert.FromBase64String(image.GraphicImage),
            charged,
            charges?.CurrencyCode);
    }

    private static string Line(string? text) => Truncate(string.IsNullOrWhiteSpace(text) ? "-" : text.Trim());

    private static List<string> Lines(string? line1) => [Line(line1)];

    private static string Truncate(string text) => text.Length > AddressLineLength ? text[..AddressLineLength] : text;

    private static string TransactionId(string key)
    {
        var compact = new string([.. key.Where(char.IsAsciiLetterOrDigit)]);
        return compact.Length > 32 ? compact[..32] : compact;
    }
}
