using Store.Domain.Common;
using Store.Domain.Promotions;

namespace Store.Tests.Domain.Promotions;

public class PromotionEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static Money Usd(long minor) => new(minor, "USD");

    private static PromotionCart Cart(long shipping = 599, DateTimeOffset? now = null, params string[] codes) => new(
        "USD",
        [new PromotionLine("tee", 1, 10, Usd(2500), 2), new PromotionLine("socks", 2, 20, Usd(800), 1), new PromotionLine("mug", 3, 30, Usd(1200), 1)],
        Usd(shipping),
        codes,
        now ?? Now);

    [Fact]
    public void Evaluate_PercentOffOrderCode_SplitsTheDiscountOverLinesByValue()
    {
        var result = PromotionEvaluator.Evaluate([new Promotion("p1", "10 % off", BenefitKind.PercentOff, PromotionTarget.WholeOrder, Code: "SAVE10", Percent: new(10))], Cart(codes: "save10"));

        Assert.Equal(Usd(700), result.Total);
        Assert.Equal((Usd(500), Usd(80), Usd(120)), (result.DiscountFor("tee"), result.DiscountFor("socks"), result.DiscountFor("mug")));
        Assert.All(result.Discounts, d => Assert.Equal("SAVE10: 10 % off", d.Explanation));
    }

    [Fact]
    public void Evaluate_AmountOffCategory_IsCappedAtWhatTheLinesCost()
    {
        var result = PromotionEvaluator.Evaluate([new Promotion("p1", "Socks deal", BenefitKind.AmountOff, PromotionTarget.Categories(20), Amount: Usd(5000))], Cart());
        Assert.Equal((Usd(800), Usd(0)), (result.DiscountFor("socks"), result.DiscountFor("tee")));
    }

    [Fact]
    public void Evaluate_FreeShipping_DiscountsTheShippingOnly()
    {
        var result = PromotionEvaluator.Evaluate([new Promotion("p1", "Free shipping", BenefitKind.FreeShipping, PromotionTarget.WholeOrder)], Cart(shipping: 899));
        Assert.Equal((Usd(899), Usd(899)), (result.ShippingDiscount, result.Total));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 1000)]
    [InlineData(5, 1000)]
    [InlineData(6, 2000)]
    public void Evaluate_BuyTwoGetOne_GivesOneFreeForEveryThree(int quantity, long expected)
    {
        var cart = new PromotionCart("USD", [new PromotionLine("a", 1, null, Usd(1000), quantity)], Usd(0), [], Now);
        var promotion = new Promotion("b2g1", "Buy 2 get 1 free", BenefitKind.BuyXGetY, PromotionTarget.Products(1), BuyQuantity: 2, GetQuantity: 1);
        Assert.Equal(Usd(expected), PromotionEvaluator.Evaluate([promotion], cart).Total);
    }

    [Fact]
    public void Evaluate_BuyXGetY_DiscountsTheCheapestMatchingUnits()
    {
        var promotion = new Promotion("b2g1", "Buy 2 get 1 at half price", BenefitKind.BuyXGetY, PromotionTarget.Categories(10, 20), Percent: new(50), BuyQuantity: 2, GetQuantity: 1);
        var result = PromotionEvaluator.Evaluate([promotion], Cart());
        Assert.Equal((Usd(400), Usd(0)), (result.DiscountFor("socks"), result.DiscountFor("tee")));
    }

    [Theory]
    [InlineData(-1, "promotion.code.inactive")]
    [InlineData(0, null)]
    [InlineData(4, null)]
    [InlineData(5, "promotion.code.inactive")]
    public void Evaluate_CodeWindow_StartsInclusiveEndsExclusive(int days, string? expectedError)
    {
        var promotion = new Promotion("bf", "Black Friday", BenefitKind.PercentOff, PromotionTarget.WholeOrder, Code: "BF", Percent: new(20), StartsAt: Now, EndsAt: Now.AddDays(5));
        var result = PromotionEvaluator.Evaluate([promotion], Cart(now: Now.AddDays(days).AddTicks(days == 4 ? TimeSpan.TicksPerDay - 1 : 0), codes: "BF"));
        Assert.Equal(expectedError, result.RejectedCodes.SingleOrDefault()?.Code);
        Assert.Equal(expectedError is null, result.Total.Minor > 0);
    }

    [Fact]
    public void Evaluate_WhenBelowMinimumOrUnknown_RejectsTheCodeWithAReason()
    {
        var promotion = new Promotion("big", "5 off 100", BenefitKind.AmountOff, PromotionTarget.WholeOrder, Code: "BIG", Amount: Usd(500), MinimumSubtotal: Usd(10000));
        var result = PromotionEvaluator.Evaluate([promotion], Cart(codes: ["BIG", "NOPE"]));
        Assert.Equal(["promotion.code.minimum", "promotion.code.unknown"], result.RejectedCodes.Select(e => e.Code).Order());
        Assert.Equal(Usd(0), result.Total);
    }

    [Fact]
    public void Evaluate_WhenAnExclusivePromotionIsBetter_ItReplacesEveryStackableOne()
    {
        Promotion[] promotions =
        [
            new("s1", "5 % off", BenefitKind.PercentOff, PromotionTarget.WholeOrder, Percent: new(5)),
            new("s2", "Free shipping", BenefitKind.FreeShipping, PromotionTarget.WholeOrder),
            new("x1", "VIP 20 %", BenefitKind.PercentOff, PromotionTarget.WholeOrder, Code: "VIP", Percent: new(20), Stacking: Stacking.Exclusive),
        ];
        Assert.Equal(["s1", "s2"], PromotionEvaluator.Evaluate(promotions, Cart()).Discounts.Select(d => d.PromotionId).Distinct().Order());
        Assert.Equal(["x1"], PromotionEvaluator.Evaluate(promotions, Cart(codes: "VIP")).Discounts.Select(d => d.PromotionId).Distinct());
    }

    [Fact]
    public void Evaluate_WhenACodeLosesToABetterExclusivePromotion_SaysSo()
    {
        Promotion[] promotions =
        [
            new("auto", "Sitewide 30 %", BenefitKind.PercentOff, PromotionTarget.WholeOrder, Percent: new(30), Stacking: Stacking.Exclusive),
            new("code", "5 % off", BenefitKind.PercentOff, PromotionTarget.WholeOrder, Code: "FIVE", Percent: new(5)),
        ];
        var result = PromotionEvaluator.Evaluate(promotions, Cart(codes: "FIVE"));
        Assert.Equal(["auto"], result.Discounts.Select(d => d.PromotionId).Distinct());
        Assert.Equal("promotion.code.not-combinable", result.RejectedCodes.Single().Code);
    }

    [Theory]
    [InlineData(1, 0, 2000)]
    [InlineData(0, 1, 1900)]
    public void Evaluate_StackablePromotions_ApplyInPriorityOrder(int percentPriority, int amountPriority, long expected)
    {
        var cart = new PromotionCart("USD", [new PromotionLine("a", 1, null, Usd(10000), 1)], Usd(0), [], Now);
        Promotion[] promotions =
        [
            new("pct", "10 % off", BenefitKind.PercentOff, PromotionTarget.WholeOrder, Percent: new(10), Priority: percentPriority),
            new("amt", "10 off", BenefitKind.AmountOff, PromotionTarget.WholeOrder, Amount: Usd(1000), Priority: amountPriority),
        ];
        Assert.Equal(Usd(expected), PromotionEvaluator.Evaluate(promotions, cart).Total);
    }

    [Fact]
    public void Evaluate_OverManyGeneratedCarts_IsIndependentOfListOrderAndNeverDiscountsBelowZero()
    {
        var random = new Random(42);
        for (var i = 0; i < 400; i++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 8))
                .Select(n => new PromotionLine($"l{n}", random.Next(1, 6), random.Next(4) == 0 ? null : random.Next(1, 4), Usd(random.Next(0, 20_000)), random.Next(1, 7)))
                .ToList();
            var cart = new PromotionCart("USD", lines, Usd(random.Next(0, 3000)), random.Next(2) == 0 ? ["CODE"] : [], Now);
            var promotions = Enumerable.Range(0, random.Next(0, 7)).Select(n => RandomPromotion(random, n)).ToList();

            var result = PromotionEvaluator.Evaluate(promotions, cart);
            var shuffled = PromotionEvaluator.Evaluate([.. promotions.OrderBy(_ => random.Next())], cart);

            Assert.Equal(result.Discounts, shuffled.Discounts);
            Assert.All(lines, l => Assert.InRange(result.DiscountFor(l.Key).Minor, 0, l.Gross.Minor));
            Assert.InRange(result.ShippingDiscount.Minor, 0, cart.Shipping.Minor);
        }
    }

    private static Promotion RandomPromotion(Random random, int n) => new(
        $"p{n}",
        $"Promotion {n}",
        (BenefitKind)random.Next(4),
        random.Next(3) switch { 0 => PromotionTarget.WholeOrder, 1 => PromotionTarget.Products(random.Next(1, 6)), _ => PromotionTarget.Categories(random.Next(1, 4)) },
        Code: random.Next(3) == 0 ? "CODE" : null,
        Percent: new(random.Next(0, 120)),
        Amount: Usd(random.Next(0, 50_000)),
        BuyQuantity: random.Next(0, 4),
        GetQuantity: random.Next(0, 3),
        MinimumSubtotal: random.Next(3) == 0 ? Usd(random.Next(0, 50_000)) : null,
        StartsAt: random.Next(4) == 0 ? Now.AddDays(random.Next(-3, 3)) : null,
        EndsAt: random.Next(4) == 0 ? Now.AddDays(random.Next(-3, 3)) : null,
        Stacking: random.Next(3) == 0 ? Stacking.Exclusive : Stacking.Stackable,
        Priority: random.Next(0, 3));
}
