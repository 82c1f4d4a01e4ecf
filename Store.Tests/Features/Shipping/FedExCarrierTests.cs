using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Shipping;
using Store.Infrastructure.Shipping.Carriers;
using Store.Infrastructure.Shipping.Carriers.FedEx;
using Store.Tests.Support;

namespace Store.Tests.Features.Shipping;

/// <summary>
/// FedEx's rates at checkout, labels and tracking, against the local FedEx stand-in, with UPS and USPS configured beside
/// it. The cart weighs 1050 g, which FedEx is sent as 2.4 lb.
/// </summary>
public class FedExCarrierTests(LiveCarriersFixture fixture) : IClassFixture<LiveCarriersFixture>
{
    private FedExTestDouble FedEx => fixture.FedEx;

    [Fact]
    public async Task QuoteAsync_WhenFedExAnswers_OffersItsAccountRatesWithTransitDays()
    {
        var cart = await CarrierCheckout.CartAsync(fixture);

        var quote = await CarrierCheckout.QuoteAsync(fixture, cart, "78731");

        var options = quote.ShippingOptions.ToDictionary(o => o.MethodId);
        Assert.True(options.ContainsKey("fedex:FEDEX_GROUND"), Health());
        var ground = options["fedex:FEDEX_GROUND"];
        Assert.Equal(("FedEx", "FedEx Ground®", 1327L, "USD", 3), (ground.Carrier, ground.Service, ground.Price.Minor, ground.Price.Currency, ground.Estimate.MaxBusinessDays));
        var twoDay = options["fedex:FEDEX_2_DAY"];
        Assert.Equal((2890L, 2, 2), (twoDay.Price.Minor, twoDay.Estimate.MinBusinessDays, twoDay.Estimate.MaxBusinessDays));
        Assert.Contains("ups:03", options.Keys);
        Assert.Contains("usps:USPS_GROUND_ADVANTAGE", options.Keys);
        Assert.Contains("usps-ground", options.Keys);

        var sent = JsonNode.Parse(FedEx.Calls.Last(c => c.Path == "/rate/v1/rates/quotes").Body)!;
        Assert.Equal(FedExTestDouble.AccountNumber, (string?)sent["accountNumber"]!["value"]);
        var shipment = sent["requestedShipment"]!;
        Assert.Equal(("78731", "US"), ((string?)shipment["recipient"]!["address"]!["postalCode"], (string?)shipment["recipient"]!["address"]!["countryCode"]));
        Assert.Equal(("LB", 2.4), ((string?)shipment["requestedPackageLineItems"]![0]!["weight"]!["units"], (double)shipment["requestedPackageLineItems"]![0]!["weight"]!["value"]!));
        Assert.Equal(("ACCOUNT", "DROPOFF_AT_FEDEX_LOCATION"), ((string?)shipment["rateRequestType"]![0], (string?)shipment["pickupType"]));
        var token = FedEx.Calls.First(c => c.Path == "/oauth/token").Body;
        Assert.Contains("grant_type=client_credentials", token, StringComparison.Ordinal);
        Assert.Contains("client_secret=" + FedExTestDouble.ClientSecret, token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteAsync_WhenFedExTimesOut_FallsBackWithinTheTimeoutAndKeepsTheOtherCarriers()
    {
        var cart = await CarrierCheckout.CartAsync(fixture);
        FedEx.DelayNext("/rate/v1/rates/quotes", TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        var quote = await CarrierCheckout.QuoteAsync(fixture, cart, "78732");

        Assert.True(clock.Elapsed < LiveCarriersFixture.RateTimeout + TimeSpan.FromSeconds(1.5), $"The quote took {clock.Elapsed}.");
        Assert.DoesNotContain(quote.ShippingOptions, o => o.MethodId.StartsWith("fedex:", StringComparison.Ordinal));
        Assert.Contains(quote.ShippingOptions, o => o.MethodId == "usps-ground");
        Assert.Contains(quote.ShippingOptions, o => o.MethodId == "ups:03");
        Assert.Contains("no answer within 5 s", Health(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, "78733", "HTTP 429", "TOO.MANY.REQUESTS", "We have received too many requests in a short duration.")]
    [InlineData(400, "78734", "HTTP 400", "RATE.LOCATION.NOSERVICE", "FedEx does not serve this location.")]
    public async Task QuoteAsync_WhenFedExRefuses_FallsBackAndTheAdminSeesWhy(int status, string postalCode, string shown, string code, string message)
    {
        var cart = await CarrierCheckout.CartAsync(fixture);
        FedEx.FailNext("/rate/v1/rates/quotes", status, FedExTestDouble.ErrorBody(code, message));

        var quote = await CarrierCheckout.QuoteAsync(fixture, cart, postalCode);

        Assert.DoesNotContain(quote.ShippingOptions, o => o.MethodId.StartsWith("fedex:", StringComparison.Ordinal));
        Assert.Contains(quote.ShippingOptions, o => o.MethodId == "usps-ground");
        Assert.StartsWith(shown, Health(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuyLabelAsync_ForAChosenService_ReturnsThePdfAndTrackingNumberAndSendsTheKeyAndAddresses()
    {
        var request = new CarrierLabelRequest(
            "FEDEX_GROUND",
            new CarrierAddress("US", "TX", "75201", "Dallas", "100 Main St", "Demo Store"),
            new CarrierAddress("US", "TX", "78702", "Austin", "1 Congress Ave", "Ada Lovelace"),
            1050,
            "Order 2042",
            "shipment-5be1");

        var label = await Carrier().BuyLabelAsync(request, CancellationToken.None);

        Assert.Equal((FedExTestDouble.TrackingNumber, "pdf", 1327L, "USD"), (label.TrackingNumber, label.Format, label.ChargedMinor, label.Currency));
        Assert.Equal(FedExTestDouble.LabelPdf, label.Content);
        Assert.Equal("shipment-5be1", FedEx.LastShipTransactionId);
        var sent = JsonNode.Parse(FedEx.Calls.Last(c => c.Path == "/ship/v1/shipments").Body)!;
        Assert.Equal(("LABEL", FedExTestDouble.AccountNumber), ((string?)sent["labelResponseOptions"], (string?)sent["accountNumber"]!["value"]));
        var shipment = sent["requestedShipment"]!;
        Assert.Equal(("FEDEX_GROUND", "YOUR_PACKAGING", "SENDER"), ((string?)shipment["serviceType"], (string?)shipment["packagingType"], (string?)shipment["shippingChargesPayment"]!["paymentType"]));
        Assert.Equal(("PDF", "PAPER_4X6"), ((string?)shipment["labelSpecification"]!["imageType"], (string?)shipment["labelSpecification"]!["labelStockType"]));
        var recipient = shipment["recipients"]![0]!;
        Assert.Equal(("1 Congress Ave", "Austin", "78702", "Ada Lovelace", FedExTestDouble.PhoneNumber),
            ((string?)recipient["address"]!["streetLines"]![0], (string?)recipient["address"]!["city"], (string?)recipient["address"]!["postalCode"],
                (string?)recipient["contact"]!["personName"], (string?)recipient["contact"]!["phoneNumber"]));
        Assert.Equal("100 Main St", (string?)shipment["shipper"]!["address"]!["streetLines"]![0]);
        Assert.Equal("Order 2042", (string?)shipment["requestedPackageLineItems"]![0]!["customerReferences"]![0]!["value"]);
    }

    [Fact]
    public async Task TrackAsync_MapsFedExScansOntoTheStoresSteps_OldestFirst()
    {
        var events = await Carrier().TrackAsync(FedExTestDouble.TrackingNumber, CancellationToken.None);

        Assert.Equal(
            new[]
            {
                ShipmentEventKind.LabelCreated, ShipmentEventKind.Shipped, ShipmentEventKind.InTransit, ShipmentEventKind.InTransit,
                ShipmentEventKind.OutForDelivery, ShipmentEventKind.Delivered,
            },
            events.Select(e => e.Kind));
        var exception = events[3];
        Assert.Equal(("DE", "Delivery exception: Customer not available or business closed", "AUSTIN, TX, US"),
            (exception.CarrierCode, exception.Description, exception.Location));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 20, 21, 0, TimeSpan.Zero), events[^1].OccurredAt);
        Assert.Equal(TimeSpan.Zero, events[^1].OccurredAt.Offset);
    }

    [Fact]
    public async Task TrackAsync_WhenTheTokenIsRefused_DropsItSoTheNextCallFetchesAnother()
    {
        await Carrier().TrackAsync(FedExTestDouble.TrackingNumber, CancellationToken.None);
        var tokens = FedEx.Calls.Count(c => c.Path == "/oauth/token");
        FedEx.FailNext("/track/v1/trackingnumbers", 401, FedExTestDouble.ErrorBody("NOT.AUTHORIZED.ERROR", "Access token expired."));

        await Assert.ThrowsAnyAsync<Exception>(() => Carrier().TrackAsync(FedExTestDouble.TrackingNumber, CancellationToken.None));
        var events = await Carrier().TrackAsync(FedExTestDouble.TrackingNumber, CancellationToken.None);

        Assert.NotEmpty(events);
        Assert.Equal(tokens + 1, FedEx.Calls.Count(c => c.Path == "/oauth/token"));
        Assert.StartsWith("tracking: HTTP 401", Health(), StringComparison.Ordinal);
    }

    private FedExCarrier Carrier() => fixture.Services.GetServices<ICarrierLabels>().OfType<FedExCarrier>().Single();

    private string? Health() => fixture.Get<CarrierHealth>(fixture.Scope()).StatusOf("fedex").LastError;
}
