using Store.Domain.Cart;
using CartEntity = Store.Domain.Cart.Cart;

namespace Store.Tests.Domain.Cart;

public class CartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_WhenVariantAlreadyInCart_IncreasesThatLine()
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        cart.Add(7, 2, 1000, Now);
        cart.Add(7, 3, 1000, Now);
        Assert.Single(cart.Items);
        Assert.Equal(5, cart.TotalQuantity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    public void Add_WhenQuantityOutOfRange_FailsWithoutChangingTheCart(int quantity)
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        var result = cart.Add(7, quantity, 1000, Now);
        Assert.False(result.IsSuccess);
        Assert.Equal("cart.quantity", result.Error!.Code);
        Assert.Empty(cart.Items);
    }

    [Fact]
    public void SetQuantity_WhenZero_RemovesTheLine()
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        cart.Add(7, 2, 1000, Now);
        Assert.True(cart.SetQuantity(7, 0, Now).IsSuccess);
        Assert.Empty(cart.Items);
    }

    [Fact]
    public void SetQuantity_WhenLineMissing_ReportsNotFound()
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        Assert.Equal("cart.line", cart.SetQuantity(9, 1, Now).Error!.Code);
    }

    [Fact]
    public void MergeFrom_WhenBothHaveTheVariant_AddsQuantitiesAndEmptiesTheGuestCart()
    {
        var mine = new CartEntity(Guid.NewGuid(), "customer-1", Now);
        mine.Add(7, 1, 1000, Now);
        var guest = new CartEntity(Guid.NewGuid(), null, Now);
        guest.Add(7, 2, 1000, Now);
        guest.Add(8, 1, 1000, Now);

        mine.MergeFrom(guest, Now);

        Assert.Equal(3, mine.Items.Single(i => i.VariantId == 7).Quantity);
        Assert.Equal(1, mine.Items.Single(i => i.VariantId == 8).Quantity);
        Assert.Empty(guest.Items);
    }

    [Fact]
    public void Add_WhenMergedQuantityWouldExceedTheMaximum_CapsAtTheMaximum()
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        cart.Add(7, 90, 1000, Now);
        cart.Add(7, 20, 1000, Now);
        Assert.Equal(CartEntity.MaxQuantityPerLine, cart.Items.Single().Quantity);
    }

    [Fact]
    public void Repair_DropsWhatIsGoneCapsWhatIsShortAndNotesNewPrices()
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        cart.Add(1, 5, 1000, Now);
        cart.Add(2, 1, 1000, Now);
        cart.Add(3, 1, 1000, Now);
        cart.Add(4, 2, 1000, Now);
        var sellable = new Dictionary<int, SellableVariant>
        {
            [1] = new(1, "Trail Tee", 1000, "USD", 2),
            [3] = new(3, "Mug", 1000, "USD", 0),
            [4] = new(4, "Beanie", 800, "USD", 10),
        };

        var notices = cart.Repair(sellable, Now);

        Assert.Equal([1, 4], cart.Items.Select(i => i.VariantId));
        Assert.Equal(2, cart.Items[0].Quantity);
        Assert.Equal(800, cart.Items[1].PriceSeenMinor);
        Assert.Equal(4, notices.Count);
        Assert.Contains(notices, n => n.Contains("Only 2 of Trail Tee left"));
        Assert.Contains(notices, n => n.Contains("Mug sold out"));
        Assert.Contains(notices, n => n.Contains("from $10.00 to $8.00"));
        Assert.Empty(cart.Repair(sellable, Now));
    }

    [Fact]
    public void ApplyCode_UpperCasesTrimsAndKeepsEachCodeOnce()
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        var later = Now.AddMinutes(1);

        Assert.True(cart.ApplyCode("  welcome10 ", later).Value);
        Assert.False(cart.ApplyCode("WELCOME10", later.AddMinutes(1)).Value);

        Assert.Equal(["WELCOME10"], cart.PromotionCodes);
        Assert.Equal(later, cart.UpdatedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("TWO WORDS")]
    public void ApplyCode_WhenNotACode_FailsWithoutChangingTheCart(string code)
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);

        Assert.Equal("promotion.code.format", cart.ApplyCode(code, Now.AddMinutes(1)).Error?.Code);
        Assert.Empty(cart.PromotionCodes);
        Assert.Equal(Now, cart.UpdatedAt);
    }

    [Fact]
    public void ApplyCode_WhenTheCartHoldsTheMost_IsRefused()
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        for (var i = 0; i < CartEntity.MaxCodes; i++)
        {
            cart.ApplyCode($"CODE{i}", Now);
        }

        Assert.Equal("promotion.code.count", cart.ApplyCode("ONEMORE", Now).Error?.Code);
    }

    [Fact]
    public void MergeFrom_BringsTheGuestsCodesAlong()
    {
        var guest = new CartEntity(Guid.NewGuid(), null, Now);
        guest.Add(1, 1, 1000, Now);
        guest.ApplyCode("SAVE5", Now);
        var mine = new CartEntity(Guid.NewGuid(), "customer-1", Now);
        mine.ApplyCode("WELCOME10", Now);

        mine.MergeFrom(guest, Now);

        Assert.Equal(["WELCOME10", "SAVE5"], mine.PromotionCodes);
        Assert.Empty(guest.PromotionCodes);
        Assert.True(mine.RemoveCode("save5", Now));
        Assert.Equal(["WELCOME10"], mine.PromotionCodes);
    }
}
