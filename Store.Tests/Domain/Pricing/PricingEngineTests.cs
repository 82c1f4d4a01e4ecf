using Store.Domain.Common;
using Store.Domain.Pricing;

namespace Store.Tests.Domain.Pricing;

public class PricingEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static Money Usd(long minor) => new(minor, "USD");

    private static PriceRequest Tee(int quantity = 1, string? group = null, int stock = 10, DateTimeOffset? lastSold = null, long? floor = null) =>
        new(1, 100, 7, Usd(2500), floor is { } f ? Usd(f) : null, quantity, group, stock, lastSold ?? Now.AddDays(-1));

    [Fact]
    public void Resolve_WhenNothingApplies_GivesTheBasePrice()
    {
        var price = PricingEngine.Resolve(Tee(), PriceBook.Empty, Now);
        Assert.Equal((Usd(2500), PriceSource.Base), (price.UnitPrice, price.Explanation.Source));
    }

    [Fact]
    public void Resolve_WhenSaleIsActive_ExplainsThePercentAndTheEnd()
    {
        var book = PriceBook.Empty with { Sales = [new SalePrice(1, PriceAdjustment.Off(20), Now.AddDays(-1), new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero))] };
        var price = PricingEngine.Resolve(Tee(), book, Now);
        Assert.Equal(Usd(2000), price.UnitPrice);
        Assert.Equal("Sale −20 % until 30 Nov", price.Explanation.Text);
        Assert.Equal(Usd(2500), price.Explanation.Was);
    }

    [Theory]
    [InlineData(-2, 2500)]
    [InlineData(0, 2000)]
    [InlineData(4, 2000)]
    [InlineData(5, 2500)]
    public void Resolve_SaleWindow_StartsInclusiveEndsExclusive(int daysFromStart, long expected)
    {
        var start = Now;
        var book = PriceBook.Empty with { Sales = [new SalePrice(1, PriceAdjustment.Off(20), start, start.AddDays(5))] };
        Assert.Equal(Usd(expected), PricingEngine.Resolve(Tee(), book, start.AddDays(daysFromStart)).UnitPrice);
    }

    [Fact]
    public void Resolve_WhenGroupAndTierBothApply_GivesTheLowest()
    {
        var book = PriceBook.Empty with
        {
            GroupPrices = [new CustomerGroupPrice(1, "wholesale", Usd(1800))],
            Tiers = [new QuantityTier(1, 10, Usd(2000)), new QuantityTier(1, 50, Usd(1700))],
        };
        Assert.Equal(Usd(2500), PricingEngine.Resolve(Tee(quantity: 9), book, Now).UnitPrice);
        Assert.Equal(Usd(2000), PricingEngine.Resolve(Tee(quantity: 10), book, Now).UnitPrice);
        Assert.Equal(Usd(1800), PricingEngine.Resolve(Tee(quantity: 10, group: "Wholesale"), book, Now).UnitPrice);
        Assert.Equal((Usd(1700), PriceSource.QuantityTier), PricingEngine.Resolve(Tee(quantity: 50, group: "wholesale"), book, Now) is var p ? (p.UnitPrice, p.Explanation.Source) : default);
    }

    [Theory]
    [InlineData(101, 40, 2250)]
    [InlineData(100, 40, 2500)]
    [InlineData(101, 29, 2500)]
    public void Resolve_SlowMoverMarkdown_AppliesOnlyWhileStockIsHighAndSalesAreOld(int stock, int daysSinceSale, long expected)
    {
        var book = PriceBook.Empty with { Markdowns = [new MarkdownRule("Slow mover", new Percent(10), StockAbove: 100, DaysWithoutSale: 30)] };
        Assert.Equal(Usd(expected), PricingEngine.Resolve(Tee(stock: stock, lastSold: Now.AddDays(-daysSinceSale)), book, Now).UnitPrice);
    }

    [Fact]
    public void Resolve_WhenARuleWouldCrossTheFloor_StopsAtTheFloorAndSaysSo()
    {
        var book = PriceBook.Empty with { Sales = [new SalePrice(1, PriceAdjustment.Off(90), null, null, "Clearance")] };
        var price = PricingEngine.Resolve(Tee(floor: 1500), book, Now);
        Assert.Equal(Usd(1500), price.UnitPrice);
        Assert.Equal(PriceSource.Floor, price.Explanation.Source);
        Assert.Contains("Clearance", price.Explanation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OverManyGeneratedBooks_NeverCrossesTheFloorNorGoesNegativeNorDependsOnListOrder()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 500; i++)
        {
            var basePrice = random.Next(1, 100_000);
            long? floor = random.Next(3) == 0 ? null : random.Next(0, basePrice + 1);
            var request = new PriceRequest(1, 100, 7, Usd(basePrice), floor is { } f ? Usd(f) : null, random.Next(1, 60), random.Next(2) == 0 ? "vip" : null, random.Next(0, 300), Now.AddDays(-random.Next(0, 90)));
            var book = new PriceBook(
                [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(2) == 0
                    ? new SalePrice(1, PriceAdjustment.Off(random.Next(0, 101)), Now.AddDays(-random.Next(0, 5)), Now.AddDays(random.Next(-2, 5)))
                    : new SalePrice(1, PriceAdjustment.To(Usd(random.Next(0, basePrice * 2))), null, null))],
                [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => new CustomerGroupPrice(1, "vip", Usd(random.Next(0, basePrice))))],
                [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => new QuantityTier(1, random.Next(1, 60), Usd(random.Next(0, basePrice))))],
                [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => new MarkdownRule("Slow", new Percent(random.Next(0, 101)), random.Next(0, 300), random.Next(0, 90)))]);

            var price = PricingEngine.Resolve(request, book, Now);
            var shuffled = new PriceBook([.. book.Sales.Reverse()], [.. book.GroupPrices.Reverse()], [.. book.Tiers.Reverse()], [.. book.Markdowns.Reverse()]);

            Assert.True(price.UnitPrice.Minor >= 0);
            Assert.True(price.UnitPrice.Minor >= Math.Min(floor ?? 0, basePrice), $"case {i}: {price.UnitPrice} under floor {floor}");
            Assert.True(price.UnitPrice.Minor <= basePrice || price.Explanation.Source == PriceSource.Base);
            Assert.Equal(price, PricingEngine.Resolve(request, shuffled, Now));
        }
    }
}
