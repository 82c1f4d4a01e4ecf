using Store.Domain.Common;
using Store.Domain.Pricing;

namespace Store.Tests.Domain.Pricing;

public class MarkdownRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly MarkdownRule SlowMovers = new("Slow movers", new Percent(20), StockAbove: 40, DaysWithoutSale: 30);

    private static Money Usd(long minor) => new(minor, "USD");

    [Theory]
    [InlineData(41, null, true)]
    [InlineData(41, 30, true)]
    [InlineData(41, 29, false)]
    [InlineData(40, 60, false)]
    public void ShouldStart_NeedsStockAboveTheThresholdAndNoSaleForTheDays(int stock, int? daysSinceSale, bool expected) =>
        Assert.Equal(expected, SlowMovers.ShouldStart(stock, daysSinceSale is { } d ? Now.AddDays(-d) : null, Now));

    [Theory]
    [InlineData(41, true)]
    [InlineData(40, false)]
    [InlineData(0, false)]
    public void ShouldHold_EndsOnlyWhenStockFallsToTheThreshold(int stock, bool expected) =>
        Assert.Equal(expected, SlowMovers.ShouldHold(stock));

    [Fact]
    public void Resolve_WhenAnActiveMarkdownWouldCrossTheFloor_StopsAtTheFloorAndNamesTheReductionGiven()
    {
        var book = PriceBook.Empty with { ActiveMarkdowns = [new ActiveMarkdown(1, "Clearance", new Percent(60))] };
        var request = new PriceRequest(1, 100, 7, Usd(2500), Usd(2000), 1, null, 0, null);

        var price = PricingEngine.Resolve(request, book, Now);

        Assert.Equal((Usd(2000), PriceSource.Floor, "Clearance −20 %"), (price.UnitPrice, price.Explanation.Source, price.Explanation.Text));
    }

    [Fact]
    public void Resolve_WhenTheDemoClearanceHitsItsFloor_TheBadgeSaysTwentyPercentNotTheRulesTwentyFive()
    {
        // The demo's clearance: 25 % off $219.99 held at a floor of 80 % ($175.99) is 20.0009 % off.
        var book = PriceBook.Empty with { ActiveMarkdowns = [new ActiveMarkdown(1, "Clearance", new Percent(25))] };
        var request = new PriceRequest(1, 100, 7, Usd(21999), Usd(21999 * 8 / 10), 1, null, 0, null);

        var price = PricingEngine.Resolve(request, book, Now);

        Assert.Equal((Usd(17599), "Clearance −20 %"), (price.UnitPrice, price.Explanation.Text));
    }

    [Fact]
    public void Resolve_WhenASaleIsHeldAtTheFloor_KeepsItsEndDateAndRoundsTheReductionDown()
    {
        var book = PriceBook.Empty with { Sales = [new SalePrice(1, PriceAdjustment.Off(50), Now.AddDays(-1), new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero))] };
        var request = new PriceRequest(1, 100, 7, Usd(3000), Usd(2001), 1, null, 0, null);

        var price = PricingEngine.Resolve(request, book, Now);

        Assert.Equal((Usd(2001), PriceSource.Floor, "Sale −33 % until 30 Nov"), (price.UnitPrice, price.Explanation.Source, price.Explanation.Text));
    }

    [Fact]
    public void Resolve_WhenTheFloorIsAtOrAboveTheRegularPrice_ShowsTheRegularPriceWithoutABadge()
    {
        var book = PriceBook.Empty with { ActiveMarkdowns = [new ActiveMarkdown(1, "Clearance", new Percent(30))] };
        var request = new PriceRequest(1, 100, 7, Usd(2500), Usd(2600), 1, null, 0, null);

        var price = PricingEngine.Resolve(request, book, Now);

        Assert.Equal((Usd(2500), PriceSource.Base, false), (price.UnitPrice, price.Explanation.Source, price.IsReduced));
    }

    [Fact]
    public void Resolve_WhenASaleAndAMarkdownBothApply_TheLowerWinsWithoutCompounding()
    {
        var book = PriceBook.Empty with
        {
            Sales = [new SalePrice(1, PriceAdjustment.Off(20), null, null)],
            ActiveMarkdowns = [new ActiveMarkdown(1, "Clearance", new Percent(10)), new ActiveMarkdown(2, "Other variant", new Percent(50))],
        };

        var price = PricingEngine.Resolve(new PriceRequest(1, 100, 7, Usd(2500), null, 1, null, 0, null), book, Now);

        Assert.Equal((Usd(2000), PriceSource.Sale), (price.UnitPrice, price.Explanation.Source));
    }

    [Theory]
    [InlineData("", 10, 0, 0, "name")]
    [InlineData("Clearance", 0, 0, 0, "percentOff")]
    [InlineData("Clearance", 100, 0, 0, "percentOff")]
    [InlineData("Clearance", 10, -1, 0, "stockAbove")]
    [InlineData("Clearance", 10, 0, -1, "daysWithoutSale")]
    public void Validate_NamesTheFieldThatIsWrong(string name, int percent, int stockAbove, int days, string field) =>
        Assert.Equal([field], MarkdownRule.Validate(name, percent, stockAbove, days).Keys);

    [Fact]
    public void Validate_WhenTheRuleIsSound_HasNoErrors() =>
        Assert.Empty(MarkdownRule.Validate("Clearance", 25m, 40, 30));
}
