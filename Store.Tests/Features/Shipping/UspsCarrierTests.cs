using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Shipping;
using Store.Infrastructure.Shipping.Carriers;
using Store.Infrastructure.Shipping.Carriers.Usps;
using Store.Tests.Support;

namespace Store.Tests.Features.Shipping;

/// <summary>
/// USPS's rates at checkout, labels and tracking, against the local USPS stand-in, with UPS and FedEx configured beside
/// it. The cart weighs 1050 g, which USPS is sent as 2.32 lb.
/// </summary>
public class UspsCarrierTests(LiveCarriersFixture fixture) : IClassFixture<LiveCarriersFixture>
{
    private UspsTestDouble Usps => fixture.Usps;

    [Fact]
    public async Task QuoteAsync_WhenEveryCarrierAnswers_OffersUspsAndFedExBesideUpsAndTheRateTables()
    {
        var cart = await CarrierCheckout.CartAsync(fixture);

        var quote = await CarrierCheckout.QuoteAsync(fixture, cart, "78721");

        var options = quote.ShippingOptions.ToDictionary(o => o.MethodId);
        Assert.True(options.ContainsKey("usps:USPS_GROUND_ADVANTAGE"), Health("usps"));
        var ground = options["usps:USPS_GROUND_ADVANTAGE"];
        Assert.Equal(("USPS", "Ground Advantage", 735L, "USD", 5), (ground.Carrier, ground.Service, ground.Price.Minor, ground.Price.Currency, ground.Estimate.MaxBusinessDays));
        // The flat-rate envelope is cheaper, but the label is bought single-piece in the store's own box.
        Assert.Equal(1040L, options["usps:PRIORITY_MAIL"].Price.Minor);
        Assert.Equal(3140L, options["usps:PRIORITY_MAIL_EXPRESS"].Price.Minor);
        Assert.Equal(1327L, options["fedex:FEDEX_GROUND"].Price.Minor);
        Assert.Contains("ups:03", options.Keys);
        Assert.Contains("usps-ground", options.Keys);

        var sent = JsonNode.Parse(Usps.Calls.Last(c => c.Path == "/prices/v3/base-rates-list/search").Body)!;
        Assert.Equal("78721", (string?)sent["destinationZIPCode"]);
        Assert.Equal(2.32, (double)sent["weight"]!);
        Assert.Equal(new string?[] { "USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL", "PRIORITY_MAIL_EXPRESS" }, sent["mailClasses"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(("EPS", UspsTestDouble.AccountNumber, "COMMERCIAL"), ((string?)sent["accountType"], (string?)sent["accountNumber"], (string?)sent["priceType"]));
        var token = Usps.Calls.First(c => c.Path == "/oauth2/v3/token").Body;
        Assert.Contains("grant_type=client_credentials", token, StringComparison.Ordinal);
        Assert.Contains("client_id=" + UspsTestDouble.ClientId, token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteAsync_WhenUspsTimesOut_FallsBackWithinTheTimeoutAndKeepsTheOtherCarriers()
    {
        var cart = await CarrierCheckout.CartAsync(fixture);
        Usps.DelayNext("/base-rates-list/search", TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        var quote = await CarrierCheckout.QuoteAsync(fixture, cart, "78722");

        Assert.True(clock.Elapsed < LiveCarriersFixture.RateTimeout + TimeSpan.FromSeconds(1.5), $"The quote took {clock.Elapsed}.");
        Assert.DoesNotContain(quote.ShippingOptions, o => o.MethodId.StartsWith("usps:", StringComparison.Ordinal));
        Assert.Contains(quote.ShippingOptions, o => o.MethodId == "usps-ground");
        Assert.Contains(quote.ShippingOptions, o => o.MethodId == "fedex:FEDEX_GROUND");
        Assert.Contains("no answer within 5 s", Health("usps"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, "78723", "HTTP 429")]
    [InlineData(400, "78724", "HTTP 400")]
    public async Task QuoteAsync_WhenUspsRefuses_FallsBackAndTheAdminSeesWhy(int status, string postalCode, string shown)
    {
        var cart = await CarrierCheckout.CartAsync(fixture);
        Usps.FailNext("/base-rates-list/search", status, UspsTestDouble.ErrorBody(status, "010001", status == 429 ? "Too Many Requests" : "Invalid ZIP Code"));

        var quote = await CarrierCheckout.QuoteAsync(fixture, cart, postalCode);

        Assert.DoesNotContain(quote.ShippingOptions, o => o.MethodId.StartsWith("usps:", StringComparison.Ordinal));
        Assert.Contains(quote.ShippingOptions, o => o.MethodId == "usps-ground");
        Assert.StartsWith(shown, Health("usps"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuyLabelAsync_ForAChosenService_ReturnsThePdfAndTrackingNumberOfThePaidLabel()
    {
        var request = new CarrierLabelRequest(
            "PRIORITY_MAIL",
            new CarrierAddress("US", "TX", "75201", "Dallas", "100 Main St", "Demo Store"),
            new CarrierAddress("US", "TX", "78702-1234", "Austin", "1 Congress Ave", "Ada Lovelace"),
            1050,
            "Order 1042",
            "shipment-7f3c");

        var label = await Carrier().BuyLabelAsync(request, CancellationToken.None);

        Assert.Equal((UspsTestDouble.TrackingNumber, "pdf", 735L, "USD"), (label.TrackingNumber, label.Format, label.ChargedMinor, label.Currency));
        Assert.Equal(UspsTestDouble.LabelPdf, label.Content);
        Assert.Equal("application/vnd.usps.labels+json", Usps.LastAccept);
        var payment = JsonNode.Parse(Usps.Calls.Last(c => c.Path == "/payments/v3/payment-authorization").Body)!["roles"]!.AsArray();
        Assert.Equal(new string?[] { "PAYER", "LABEL_OWNER" }, payment.Select(r => (string?)r!["roleName"]));
        Assert.All(payment, r => Assert.Equal((UspsTestDouble.Crid, UspsTestDouble.Mid, UspsTestDouble.AccountNumber),
            ((string?)r!["CRID"], (string?)r["MID"], (string?)r["accountNumber"])));
        var sent = JsonNode.Parse(Usps.Calls.Last(c => c.Path == "/labels/v3/label").Body)!;
        var package = sent["packageDescription"]!;
        Assert.Equal(("PRIORITY_MAIL", "SP", 2.32), ((string?)package["mailClass"], (string?)package["rateIndicator"], (double)package["weight"]!));
        Assert.Equal("Order 1042", (string?)package["customerReference"]![0]!["referenceNumber"]);
        // Left to USPS's defaults (lb, in, 4X6LABEL) rather than sent as the generated enums' C# names.
        Assert.Null(package["weightUOM"]);
        Assert.Null(sent["imageInfo"]!["labelType"]);
        Assert.Equal(("PDF", "NONE"), ((string?)sent["imageInfo"]!["imageType"], (string?)sent["imageInfo"]!["receiptOption"]));
        Assert.Equal(("Ada", "Lovelace", "1 Congress Ave", "78702"),
            ((string?)sent["toAddress"]!["firstName"], (string?)sent["toAddress"]!["lastName"], (string?)sent["toAddress"]!["streetAddress"], (string?)sent["toAddress"]!["ZIPCode"]));
        Assert.Equal(("Demo Store", "75201"), ((string?)sent["fromAddress"]!["firm"], (string?)sent["fromAddress"]!["ZIPCode"]));
    }

    [Fact]
    public async Task BuyLabelAsync_WhenUspsRefuses_ThrowsAndTheAdminSeesWhy()
    {
        Usps.FailNext("/labels/v3/label", 400, UspsTestDouble.ErrorBody(400, "020041", "The address is not deliverable"));
        var request = new CarrierLabelRequest(
            "USPS_GROUND_ADVANTAGE",
            new CarrierAddress("US", "TX", "75201", "Dallas", "100 Main St", "Demo Store"),
            new CarrierAddress("US", "TX", "78702", "Austin", "0 Nowhere", "Ada Lovelace"),
            500,
            "Order 1043",
            "shipment-9a01");

        await Assert.ThrowsAnyAsync<Exception>(() => Carrier().BuyLabelAsync(request, CancellationToken.None));

        Assert.StartsWith("label: HTTP 400", Health("usps"), StringComparison.Ordinal);
        Assert.Contains("not deliverable", Health("usps"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackAsync_MapsUspsScansOntoTheStoresSteps_OldestFirst()
    {
        var events = await Carrier().TrackAsync(UspsTestDouble.TrackingNumber, CancellationToken.None);

        Assert.Equal(
            new[]
            {
                ShipmentEventKind.LabelCreated, ShipmentEventKind.Shipped, ShipmentEventKind.InTransit, ShipmentEventKind.InTransit,
                ShipmentEventKind.OutForDelivery, ShipmentEventKind.Delivered,
            },
            events.Select(e => e.Kind));
        var exception = events[3];
        Assert.Equal(("02", "Notice Left (No Authorized Recipient Available)", "AUSTIN, TX, US"), (exception.CarrierCode, exception.Description, exception.Location));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 16, 10, 0, TimeSpan.Zero), events[^1].OccurredAt);
        Assert.Equal(TimeSpan.Zero, events[^1].OccurredAt.Offset);
    }

    private UspsCarrier Carrier() => fixture.Services.GetServices<ICarrierLabels>().OfType<UspsCarrier>().Single();

    private string? Health(string carrier) => fixture.Get<CarrierHealth>(fixture.Scope()).StatusOf(carrier).LastError;
}
