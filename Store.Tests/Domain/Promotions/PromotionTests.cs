using Store.Domain.Common;
using Store.Domain.Promotions;

namespace Store.Tests.Domain.Promotions;

public class PromotionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Problems_WhenTheDemoPromotionsAreSound_IsEmpty()
    {
        Assert.Empty(new Promotion("1", "Welcome 10 % off", BenefitKind.PercentOff, PromotionTarget.WholeOrder, "WELCOME10", new Percent(10m)).Problems());
        Assert.Empty(new Promotion("2", "Free shipping over $150", BenefitKind.FreeShipping, PromotionTarget.WholeOrder, MinimumSubtotal: new Money(15000, "USD")).Problems());
        Assert.Empty(new Promotion("3", "Socks 3 for 2", BenefitKind.BuyXGetY, PromotionTarget.Categories(8), BuyQuantity: 2, GetQuantity: 1).Problems());
    }

    [Theory]
    [InlineData(BenefitKind.PercentOff, 0, 0, 0, 0, "percentage off")]
    [InlineData(BenefitKind.PercentOff, 101, 0, 0, 0, "percentage off")]
    [InlineData(BenefitKind.AmountOff, 0, 0, 0, 0, "amount off")]
    [InlineData(BenefitKind.BuyXGetY, 0, 0, 2, 0, "Buy X get Y")]
    public void Problems_WhenTheBenefitMakesNoSense_SaysWhatToFix(BenefitKind kind, int percent, long amount, int buy, int get, string words)
    {
        var promotion = new Promotion("1", "Broken", kind, PromotionTarget.WholeOrder, Percent: new Percent(percent), Amount: amount > 0 ? new Money(amount, "USD") : null, BuyQuantity: buy, GetQuantity: get);

        Assert.Contains(promotion.Problems(), p => p.Contains(words, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_WhenTheEndIsNotAfterTheStartOrTheCodeHasSpaces_SaysSo()
    {
        var promotion = new Promotion("1", " ", BenefitKind.FreeShipping, PromotionTarget.WholeOrder, "TWO WORDS", StartsAt: Now, EndsAt: Now);

        var problems = promotion.Problems();

        Assert.Equal(3, problems.Count);
        Assert.Contains("A promotion needs a name.", problems);
        Assert.Contains("The end must be after the start.", problems);
    }
}
