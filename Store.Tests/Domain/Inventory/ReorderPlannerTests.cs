using Store.Domain.Inventory;

namespace Store.Tests.Domain.Inventory;

public class ReorderPlannerTests
{
    [Fact]
    public void Suggest_WhenSalesWouldEmptyTheShelfBeforeTheNextDelivery_OrdersLeadTimePlusReviewOfDemandInWholePacks()
    {
        // 60 sold in 30 days = 2 a day; cover (10 + 7) days = 34; 4 available, none on order: 30 short, packs of 12 → 36.
        var suggestion = ReorderPlanner.Suggest(unitsSoldInWindow: 60, windowDays: 30, leadTimeDays: 10, reviewDays: 7, available: 4, onOrder: 0, packSize: 12).Value;

        Assert.Equal(2m, suggestion.UnitsPerDay);
        Assert.Equal(20, suggestion.ReorderPoint);
        Assert.Equal(34, suggestion.CoverUnits);
        Assert.Equal(36, suggestion.Quantity);
        Assert.True(suggestion.IsDue);
    }

    [Fact]
    public void Suggest_WhenWhatIsOnOrderCoversTheDemand_SuggestsNothing()
    {
        var suggestion = ReorderPlanner.Suggest(60, 30, 10, 7, available: 4, onOrder: 36, packSize: 12).Value;

        Assert.Equal(0, suggestion.Quantity);
        Assert.False(suggestion.IsDue);
    }

    [Fact]
    public void Suggest_WhenNothingSold_SuggestsNothingEvenWithAnEmptyShelf()
    {
        var suggestion = ReorderPlanner.Suggest(0, 30, 14, 7, available: 0, onOrder: 0, packSize: 1).Value;

        Assert.Equal(0, suggestion.ReorderPoint);
        Assert.Equal(0, suggestion.Quantity);
    }

    [Fact]
    public void Suggest_WhenTheRateIsFractional_RoundsDemandUp()
    {
        // 7 in 30 days over 3 + 7 days = 2.33 → 3 units; nothing available.
        var suggestion = ReorderPlanner.Suggest(7, 30, 3, 7, available: 0, onOrder: 0, packSize: 1).Value;

        Assert.Equal(1, suggestion.ReorderPoint);
        Assert.Equal(3, suggestion.Quantity);
    }

    [Fact]
    public void Suggest_WhenMoreIsHeldForOrdersThanOnHand_TreatsAvailableAsZero()
    {
        var suggestion = ReorderPlanner.Suggest(30, 30, 5, 5, available: -2, onOrder: 0, packSize: 1).Value;

        Assert.Equal(10, suggestion.Quantity);
    }

    [Theory]
    [InlineData(0, 7, 1)]
    [InlineData(30, -1, 1)]
    [InlineData(30, 7, 0)]
    public void Suggest_WhenInputIsImpossible_IsRefused(int windowDays, int leadTimeDays, int packSize)
    {
        var result = ReorderPlanner.Suggest(5, windowDays, leadTimeDays, 7, 0, 0, packSize);

        Assert.Equal("reorder.input", result.Error!.Code);
    }

    [Theory]
    [InlineData(1, 12, 12)]
    [InlineData(12, 12, 12)]
    [InlineData(13, 12, 24)]
    [InlineData(0, 12, 0)]
    public void RoundUpToPack_RoundsToWholePacks(int units, int pack, int expected) =>
        Assert.Equal(expected, ReorderPlanner.RoundUpToPack(units, pack));
}
