using Store.Domain.Common;
using Store.Domain.Shipping;

namespace Store.Tests.Domain.Shipping;

public class ShippingInputTests
{
    [Fact]
    public void ParseAreas_CountryStateAndPostalPrefixLines_BecomeAreas()
    {
        var areas = new ShippingZoneInput("us-east", "US East", "us\nUS/ny\nUS/ME/04, DE").ParseAreas();

        Assert.Equal([new GeoArea("US"), new GeoArea("US", "NY"), new GeoArea("US", "ME", "04"), new GeoArea("DE")], areas);
        Assert.Equal("US\nUS/NY\nUS/ME/04\nDE", ShippingZoneInput.FormatAreas(areas!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("USA")]
    [InlineData("US/CA/9/1")]
    public void Validate_WhenAnAreaCannotBeRead_NamesTheAreasField(string areas) =>
        Assert.True(new ShippingZoneInput("zone", "Zone", areas).Validate().ContainsKey("Areas"));

    [Theory]
    [InlineData("500 = 599\n1000 = 799", true)]
    [InlineData("1000 = 799\n500 = 599", false)]
    [InlineData("500 = -1", false)]
    [InlineData("five = 1", false)]
    public void ParseBrackets_AcceptsOnlyRisingBoundsAndWholeNonNegativePrices(string rows, bool readable) =>
        Assert.Equal(readable, Input(RateKind.WeightTable, rows).ParseBrackets() is not null);

    [Fact]
    public void Validate_FlatRateWithoutATable_IsFine_AndATableWithoutRows_IsNot()
    {
        Assert.Empty(Input(RateKind.Flat, null).Validate());
        Assert.True(Input(RateKind.PriceTable, "").Validate().ContainsKey("Brackets"));
    }

    private static ShippingMethodInput Input(RateKind kind, string? brackets) =>
        new("fedex-ground", "FedEx", "Ground", "us", kind, 899, brackets, 10000, 3, 5);
}
