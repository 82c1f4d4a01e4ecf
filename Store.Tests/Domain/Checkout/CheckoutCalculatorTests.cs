using Store.Domain.Checkout;
using Store.Domain.Common;
using Store.Domain.Pricing;
using Store.Domain.Promotions;
using Store.Domain.Shipping;
using Store.Domain.Tax;
using Store.Tests.Domain.Shipping;
using Store.Tests.Domain.Tax;

namespace Store.Tests.Domain.Checkout;

public class CheckoutCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly CheckoutCalculator Calculator = new(
        new ShippingCalculator(ShippingCalculatorTests.Zones, ShippingCalculatorTests.Methods),
        new TaxCalculator(TaxCalculatorTests.Zones));

    private static CheckoutLine Line(string key, int product, int? category, TaxClass taxClass, long unitPrice, int quantity, string currency = "USD", int grams = 300) =>
        new(key, product, product, category, taxClass, grams, quantity, new ResolvedPrice(new Money(unitPrice, currency), new Money(unitPrice, currency), new PriceExplanation(PriceSource.Base, "Regular price", new Money(unitPrice, currency))));

    [Fact]
    public void Calculate_TaxExclusiveStoreInCalifornia_AddsTaxOnDiscountedLinesAndNotOnShipping()
    {
        var request = new CheckoutRequest(
            "USD",
            [Line("tee", 1, 10, TaxClass.Standard, 2500, 2), Line("mug", 3, 30, TaxClass.Standard, 1200, 1)],
            new Destination("US", "CA", "90001"),
            "usps-ground",
            [new Promotion("p1", "10 % off", BenefitKind.PercentOff, PromotionTarget.WholeOrder, Code: "SAVE10", Percent: new(10))],
            ["SAVE10"],
            new TaxSettings(PricesIncludeTax: false),
            Now);

        var totals = Calculator.Calculate(request).Value;

        // tee 5000 − 500 = 4500, tax 326.25 → 326; mug 1200 − 120 = 1080, tax 78.3 → 78; shipping 5.99 untaxed.
        Assert.Equal([(500L, 326L, 4826L), (120L, 78L, 1158L)], totals.Lines.Select(l => (l.Discount.Minor, l.Tax.Minor, l.Total.Minor)));
        Assert.Equal((6200L, 620L, 599L, 404L, 6583L), (totals.Subtotal.Minor, totals.Discount.Minor, totals.ShippingPrice.Minor, totals.Tax.Minor, totals.GrandTotal.Minor));
        Assert.Equal(new DeliveryEstimate(3, 5), totals.Shipping!.Estimate);
        Assert.Equal(6583, totals.ToOrderTotals().TotalMinor);
    }

    [Fact]
    public void Calculate_TaxInclusiveStoreInGermany_ExtractsTaxFromLinesAndShipping()
    {
        var request = new CheckoutRequest(
            "EUR",
            [Line("tee", 1, 10, TaxClass.Standard, 11900, 1, "EUR"), Line("book", 2, 20, TaxClass.Reduced, 1070, 1, "EUR")],
            new Destination("DE", null, "10115"),
            "dhl-eu",
            [],
            [],
            new TaxSettings(PricesIncludeTax: true),
            Now);

        var totals = Calculator.Calculate(request).Value;

        // 19 % in 11900 = 1900, 7 % in 1070 = 70, 19 % in 495 shipping = 79.03 → 79; the shopper pays the shelf prices.
        Assert.Equal((2049L, 79L, 13465L), (totals.Tax.Minor, totals.ShippingTax.Minor, totals.GrandTotal.Minor));
        Assert.Equal([(19m, 1979L), (7m, 70L)], totals.TaxBreakdown.Select(b => (b.Rate.Value, b.Tax.Minor)));
        var order = totals.ToOrderTotals();
        Assert.Equal((11000L, 416L, 2049L, 13465L), (order.SubtotalMinor, order.ShippingMinor, order.TaxMinor, order.TotalMinor));
    }

    [Fact]
    public void Calculate_KeepsThePriceExplanationAndDiscountReasonsOnEachLine()
    {
        var book = PriceBook.Empty with { Sales = [new SalePrice(1, PriceAdjustment.Off(20), null, new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero))] };
        var price = PricingEngine.Resolve(new PriceRequest(1, 1, 10, new Money(2500, "USD"), null, 1, null, 5, null), book, Now);
        var line = new CheckoutLine("tee", 1, 1, 10, TaxClass.Standard, 200, 1, price);
        var promotion = new Promotion("p1", "Tees 5 off", BenefitKind.AmountOff, PromotionTarget.Categories(10), Amount: new Money(500, "USD"));

        var sold = Calculator.Calculate(new CheckoutRequest("USD", [line], new Destination("US", "OR", "97201"), null, [promotion], [], new TaxSettings(false), Now)).Value.Lines.Single();

        Assert.Equal(("Sale −20 % until 30 Nov", 2000L, 500L, 1500L), (sold.PriceExplanation.Text, sold.UnitPrice.Minor, sold.Discount.Minor, sold.Total.Minor));
        Assert.Equal("Tees 5 off", sold.Discounts.Single().Explanation);
    }

    [Fact]
    public void Calculate_WhenMethodDoesNotServeTheAddress_Fails() =>
        Assert.Equal("shipping.zone", Calculator.Calculate(new CheckoutRequest("USD", [Line("a", 1, null, TaxClass.Standard, 100, 1)], new Destination("DE", null, "10115"), "usps-ground", [], [], new TaxSettings(false), Now)).Error!.Code);

    [Fact]
    public void Calculate_OverManyGeneratedCarts_TotalsAreNonNegativeConsistentAndIndependentOfPromotionOrder()
    {
        var random = new Random(1125);
        (Destination Where, string Method)[] places =
        [
            (new Destination("US", "CA", "94103"), "ups-ground"),
            (new Destination("US", "CA", "90001"), "fedex-2day"),
            (new Destination("US", "OR", "97201"), "usps-ground"),
            (new Destination("US", "NY", "10001"), "usps-ground"),
        ];
        for (var i = 0; i < 300; i++)
        {
            var (where, method) = places[random.Next(places.Length)];
            var lines = Enumerable.Range(0, random.Next(1, 6))
                .Select(n => Line($"l{n}", random.Next(1, 5), random.Next(1, 4), (TaxClass)random.Next(3), random.Next(0, 30_000), random.Next(1, 4), grams: random.Next(0, 2000)))
                .ToList();
            var promotions = Enumerable.Range(0, random.Next(0, 5)).Select(n => new Promotion(
                $"p{n}",
                $"Promotion {n}",
                (BenefitKind)random.Next(4),
                random.Next(2) == 0 ? PromotionTarget.WholeOrder : PromotionTarget.Categories(random.Next(1, 4)),
                Percent: new(random.Next(0, 101)),
                Amount: new Money(random.Next(0, 20_000), "USD"),
                BuyQuantity: random.Next(1, 3),
                GetQuantity: 1,
                Stacking: random.Next(3) == 0 ? Stacking.Exclusive : Stacking.Stackable,
                Priority: random.Next(0, 3))).ToList();
            var request = new CheckoutRequest("USD", lines, where, method, promotions, [], new TaxSettings(random.Next(2) == 0), Now);

            var result = Calculator.Calculate(request);
            if (!result.IsSuccess)
            {
                Assert.Equal("shipping.weight", result.Error!.Code);
                continue;
            }

            var totals = result.Value;
            var again = Calculator.Calculate(request with { Promotions = [.. promotions.OrderBy(_ => random.Next())] }).Value;

            Assert.True(totals.GrandTotal.Minor >= 0);
            Assert.All(totals.Lines, l => Assert.True(l.Total.Minor >= 0 && l.Tax.Minor >= 0 && l.Discount.Minor <= l.Gross.Minor));
            Assert.Equal(totals.Tax.Minor, totals.Lines.Sum(l => l.Tax.Minor) + totals.ShippingTax.Minor);
            Assert.Equal(totals.Tax.Minor, totals.TaxBreakdown.Sum(b => b.Tax.Minor));
            Assert.Equal(totals.GrandTotal.Minor, totals.ToOrderTotals().TotalMinor);
            Assert.Equal(
                totals.Subtotal.Minor - totals.Discount.Minor + totals.ShippingPrice.Minor - totals.ShippingDiscount.Minor + (totals.PricesIncludeTax ? 0 : totals.Tax.Minor),
                totals.GrandTotal.Minor);
            Assert.Equal((totals.GrandTotal, totals.Tax, totals.Discount), (again.GrandTotal, again.Tax, again.Discount));
            Assert.Equal(totals.Lines.Select(l => l.Total), again.Lines.Select(l => l.Total));
        }
    }
}
