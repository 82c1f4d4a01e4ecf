using Store.Domain.Ordering;

namespace Store.Tests.Domain.Ordering;

public class PickListTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_UnitsFromTwoLocations_MakesOneListPerLocationWithUnitsSummedPerVariant()
    {
        var orderId = Guid.NewGuid();

        var lists = PickList.For(orderId, [new PickUnits(2, 10, "B-1", 1), new PickUnits(1, 10, "B-1", 2), new PickUnits(1, 11, "A-1", 1), new PickUnits(1, 10, "B-1", 1)], Now);

        Assert.Equal([1, 2], lists.Select(l => l.LocationId));
        Assert.All(lists, l => Assert.Equal(orderId, l.OrderId));
        Assert.Equal([("A-1", 1), ("B-1", 3)], lists[0].Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal([("B-1", 1)], lists[1].Lines.Select(l => (l.Sku, l.Quantity)));
    }

    [Fact]
    public void For_NothingCommitted_MakesNoList() => Assert.Empty(PickList.For(Guid.NewGuid(), [new PickUnits(1, 10, "B-1", 0)], Now));
}
