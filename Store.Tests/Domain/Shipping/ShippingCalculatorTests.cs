using Store.Domain.Common;
using Store.Domain.Shipping;

namespace Store.Tests.Domain.Shipping;

public class ShippingCalculatorTests
{
    private static Money Usd(long minor) => new(minor, "USD");

    public static readonly IReadOnlyList<ShippingZone> Zones =
    [
        new("us48", "US lower 48", [new GeoArea("US")]),
        new("eu", "EU", [new GeoArea("DE"), new GeoArea("FR")]),
    ];

    public static readonly IReadOnlyList<ShippingMethod> Methods =
    [
        new("usps-ground", "USPS", "Ground Advantage", "us48", RateKind.Flat, Usd(599), [], Usd(7500), new DeliveryEstimate(3, 5)),
        new("ups-ground", "UPS", "Ground", "us48", RateKind.WeightTable, Usd(0), [new RateBracket(1000, Usd(899)), new RateBracket(5000, Usd(1499)), new RateBracket(20000, Usd(2999))], null, new DeliveryEstimate(1, 5)),
        new("fedex-2day", "FedEx", "2Day", "us48", RateKind.PriceTable, Usd(0), [new RateBracket(4999, Usd(1999)), new RateBracket(9999, Usd(1499))], Usd(10000), new DeliveryEstimate(2, 2)),
        new("dhl-eu", "DHL", "Paket", "eu", RateKind.Flat, new Money(495, "EUR"), [], null, new DeliveryEstimate(2, 4)),
    ];

    private static readonly ShippingCalculator Calculator = new(Zones, Methods);

    private static ShippingRequest To(long grams, long subtotal) => new("US", "CA", "94103", grams, Usd(subtotal));

    [Theory]
    [InlineData(0, 899)]
    [InlineData(1000, 899)]
    [InlineData(1001, 1499)]
    [InlineData(5000, 1499)]
    [InlineData(5001, 2999)]
    [InlineData(20000, 2999)]
    public void Quote_WeightTable_UpperBoundIsInclusive(long grams, long expected) =>
        Assert.Equal(Usd(expected), Calculator.Quote("ups-ground", To(grams, 1000)).Value.Price);

    [Fact]
    public void Quote_WhenHeavierThanTheLastBracket_IsRefused() =>
        Assert.Equal("shipping.weight", Calculator.Quote("ups-ground", To(20001, 1000)).Error!.Code);

    [Theory]
    [InlineData(4999, 1999)]
    [InlineData(5000, 1499)]
    [InlineData(9999, 1499)]
    [InlineData(10000, 0)]
    public void Quote_PriceTableWithFreeOver_SwitchesAtTheBoundaries(long subtotal, long expected) =>
        Assert.Equal(Usd(expected), Calculator.Quote("fedex-2day", To(500, subtotal)).Value.Price);

    [Theory]
    [InlineData(7499, 599)]
    [InlineData(7500, 0)]
    public void Quote_FlatRateFreeOverThreshold_IsFreeFromTheThresholdOn(long subtotal, long expected) =>
        Assert.Equal(Usd(expected), Calculator.Quote("usps-ground", To(500, subtotal)).Value.Price);

    [Fact]
    public void QuotesFor_ListsOnlyMethodsForTheZoneCheapestFirstWithEstimates()
    {
        var quotes = Calculator.QuotesFor(To(1200, 3000));
        Assert.Equal(["usps-ground", "ups-ground", "fedex-2day"], quotes.Select(q => q.MethodId));
        Assert.Equal(new DeliveryEstimate(3, 5), quotes[0].Estimate);
        Assert.Equal("3–5 business days", quotes[0].Estimate.ToString());
    }

    [Fact]
    public void Quote_WhenAddressIsOutsideTheZone_IsRefused() =>
        Assert.Equal("shipping.zone", Calculator.Quote("dhl-eu", To(100, 100)).Error!.Code);

    [Fact]
    public void TotalGrams_SumsUnitWeightTimesQuantity() =>
        Assert.Equal(2 * 250 + 3 * 1200, ParcelItem.TotalGrams([new ParcelItem(250, 2), new ParcelItem(1200, 3)]));
}
