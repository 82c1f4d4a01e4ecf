using Store.Domain.Common;
using Store.Domain.Tax;

namespace Store.Tests.Domain.Tax;

public class TaxCalculatorTests
{
    public static readonly IReadOnlyList<TaxZone> Zones =
    [
        new("DE VAT", new GeoArea("DE"), new Dictionary<TaxClass, Percent> { [TaxClass.Standard] = new(19m), [TaxClass.Reduced] = new(7m) }, TaxesShipping: true),
        new("US", new GeoArea("US"), new Dictionary<TaxClass, Percent>(), TaxesShipping: false),
        new("US-CA", new GeoArea("US", "CA"), new Dictionary<TaxClass, Percent> { [TaxClass.Standard] = new(7.25m), [TaxClass.Reduced] = new(7.25m) }, TaxesShipping: false),
        new("San Francisco", new GeoArea("US", "CA", "941"), new Dictionary<TaxClass, Percent> { [TaxClass.Standard] = new(8.625m) }, TaxesShipping: false),
        new("US-OR", new GeoArea("US", "OR"), new Dictionary<TaxClass, Percent> { [TaxClass.Standard] = new(0m) }, TaxesShipping: false),
    ];

    private static readonly TaxCalculator Calculator = new(Zones);

    private static TaxResult Calculate(bool inclusive, string country, string? region, string postal, params TaxableItem[] items) =>
        Calculator.Calculate(new TaxRequest(country, region, postal, new TaxSettings(inclusive), items, items.Length > 0 ? items[0].Amount.Currency : "EUR"));

    [Theory]
    // Tax-inclusive (VAT): tax = gross × r / (100 + r), half-even per line.
    [InlineData(true, "DE", null, "10115", TaxClass.Standard, 11900, 1900, 10000)]
    [InlineData(true, "DE", null, "10115", TaxClass.Standard, 999, 160, 839)]
    [InlineData(true, "DE", null, "10115", TaxClass.Reduced, 1000, 65, 935)]
    [InlineData(true, "DE", null, "10115", TaxClass.Zero, 1000, 0, 1000)]
    [InlineData(true, "FR", null, "75001", TaxClass.Standard, 1000, 0, 1000)]
    // Tax-exclusive (US): tax = net × r; ties go to the even cent.
    [InlineData(false, "US", "CA", "90001", TaxClass.Standard, 1000, 72, 1000)]
    [InlineData(false, "US", "CA", "90001", TaxClass.Standard, 3000, 218, 3000)]
    [InlineData(false, "US", "CA", "90001", TaxClass.Standard, 10000, 725, 10000)]
    [InlineData(false, "US", "CA", "94103", TaxClass.Standard, 10000, 862, 10000)]
    [InlineData(false, "US", "OR", "97201", TaxClass.Standard, 5000, 0, 5000)]
    [InlineData(false, "US", "NV", "89501", TaxClass.Standard, 5000, 0, 5000)]
    [InlineData(false, "DE", null, "10115", TaxClass.Standard, 250, 48, 250)]
    [InlineData(false, "DE", null, "10115", TaxClass.Standard, 150, 28, 150)]
    public void Calculate_ExampleTable_RoundsEachLineHalfEven(bool inclusive, string country, string? region, string postal, TaxClass taxClass, long amount, long expectedTax, long expectedNet)
    {
        var item = Calculate(inclusive, country, region, postal, new TaxableItem("a", taxClass, new Money(amount, "EUR"))).Items.Single();
        Assert.Equal((expectedTax, expectedNet), (item.Tax.Minor, item.Net.Minor));
    }

    [Theory]
    [InlineData("94103", "San Francisco")]
    [InlineData("90001", "US-CA")]
    [InlineData(null, "US-CA")]
    public void ZoneFor_WhenSeveralZonesContainTheAddress_TheMostSpecificWins(string? postal, string expected) =>
        Assert.Equal(expected, Calculator.ZoneFor("us", "ca", postal)!.Name);

    [Fact]
    public void Calculate_WhenZoneTaxesShipping_TaxesItAndBreaksDownPerRate()
    {
        var result = Calculate(
            true,
            "DE",
            null,
            "10115",
            new TaxableItem("tee", TaxClass.Standard, new Money(11900, "EUR")),
            new TaxableItem("book", TaxClass.Reduced, new Money(1070, "EUR")),
            new TaxableItem("shipping", TaxClass.Standard, new Money(595, "EUR"), IsShipping: true));

        Assert.Equal(new Money(2065, "EUR"), result.Total);
        Assert.Equal(
            [new TaxBreakdownLine("DE VAT", new Percent(19m), new Money(10500, "EUR"), new Money(1995, "EUR")), new TaxBreakdownLine("DE VAT", new Percent(7m), new Money(1000, "EUR"), new Money(70, "EUR"))],
            result.Breakdown);
    }

    [Fact]
    public void Calculate_WhenZoneDoesNotTaxShipping_LeavesShippingUntaxed() =>
        Assert.Equal(0, Calculate(false, "US", "CA", "90001", new TaxableItem("shipping", TaxClass.Standard, new Money(995, "USD"), IsShipping: true)).Total.Minor);

    [Fact]
    public void Calculate_OverManyGeneratedCarts_LineTaxesSumToTheTotalAndTheBreakdown()
    {
        var random = new Random(7);
        string[][] places = [["DE", "", "10115"], ["US", "CA", "94103"], ["US", "CA", "90001"], ["US", "OR", "97201"]];
        for (var i = 0; i < 400; i++)
        {
            var place = places[random.Next(places.Length)];
            var inclusive = random.Next(2) == 0;
            var items = Enumerable.Range(0, random.Next(1, 12))
                .Select(n => new TaxableItem($"l{n}", (TaxClass)random.Next(3), new Money(random.Next(0, 500_000), "EUR"), IsShipping: n == 0))
                .ToArray();
            var result = Calculate(inclusive, place[0], place[1] == "" ? null : place[1], place[2], items);

            Assert.Equal(result.Total.Minor, result.Items.Sum(t => t.Tax.Minor));
            Assert.Equal(result.Total.Minor, result.Breakdown.Sum(b => b.Tax.Minor));
            Assert.All(result.Items, t => Assert.True(t.Tax.Minor >= 0 && t.Net.Minor >= 0));
            Assert.All(result.Items.Zip(items), p => Assert.Equal(p.Second.Amount.Minor, inclusive ? p.First.Net.Minor + p.First.Tax.Minor : p.First.Net.Minor));
        }
    }
}
