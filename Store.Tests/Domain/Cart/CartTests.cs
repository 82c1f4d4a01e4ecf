using CartEntity = Store.Domain.Cart.Cart;

namespace Store.Tests.Domain.Cart;

public class CartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_WhenVariantAlreadyInCart_IncreasesThatLine()
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        cart.Add(7, 2, Now);
        cart.Add(7, 3, Now);
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
        var result = cart.Add(7, quantity, Now);
        Assert.False(result.IsSuccess);
        Assert.Equal("cart.quantity", result.Error!.Code);
        Assert.Empty(cart.Items);
    }

    [Fact]
    public void SetQuantity_WhenZero_RemovesTheLine()
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        cart.Add(7, 2, Now);
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
        mine.Add(7, 1, Now);
        var guest = new CartEntity(Guid.NewGuid(), null, Now);
        guest.Add(7, 2, Now);
        guest.Add(8, 1, Now);

        mine.MergeFrom(guest, Now);

        Assert.Equal(3, mine.Items.Single(i => i.VariantId == 7).Quantity);
        Assert.Equal(1, mine.Items.Single(i => i.VariantId == 8).Quantity);
        Assert.Empty(guest.Items);
    }

    [Fact]
    public void Add_WhenMergedQuantityWouldExceedTheMaximum_CapsAtTheMaximum()
    {
        var cart = new CartEntity(Guid.NewGuid(), null, Now);
        cart.Add(7, 90, Now);
        cart.Add(7, 20, Now);
        Assert.Equal(CartEntity.MaxQuantityPerLine, cart.Items.Single().Quantity);
    }
}
