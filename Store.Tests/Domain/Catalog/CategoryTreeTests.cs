using Store.Domain.Catalog;

namespace Store.Tests.Domain.Catalog;

public class CategoryTreeTests
{
    // Clothing(1) > Tops(2) > Tees(3); Clothing > Jackets(4); Camping(5)
    private static readonly CategoryTree Tree = new([
        new(1, null, 0, "Clothing"), new(2, 1, 1, "Tops"), new(3, 2, 0, "Tees"), new(4, 1, 0, "Jackets"), new(5, null, 1, "Camping"),
    ]);

    [Fact]
    public void Flatten_PutsEachParentBeforeItsChildrenAndSiblingsByPosition()
    {
        Assert.Equal([(1, 0), (4, 1), (2, 1), (3, 2), (5, 0)], Tree.Flatten().Select(x => (x.Node.Id, x.Depth)));
    }

    [Fact]
    public void SelfAndDescendants_WhenAskedForTheTop_CoversTheWholeBranch()
    {
        Assert.Equal([1, 2, 3, 4], Tree.SelfAndDescendants(1).Order());
        Assert.Equal([3], Tree.SelfAndDescendants(3));
    }

    [Fact]
    public void PathTo_GoesFromTheTopDown()
    {
        Assert.Equal(["Clothing", "Tops", "Tees"], Tree.PathTo(3).Select(n => n.Name));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    public void WhyNotMove_WhenTheNewParentIsInsideTheBranch_RefusesTheCycle(int id, int parent)
    {
        Assert.Contains("cannot move under itself", Tree.WhyNotMove(id, parent));
    }

    [Fact]
    public void WhyNotMove_WhenTheMoveKeepsATree_Allows()
    {
        Assert.Null(Tree.WhyNotMove(2, 5));
        Assert.Null(Tree.WhyNotMove(3, null));
    }
}
