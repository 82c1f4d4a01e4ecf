using Store.Domain.Catalog;

namespace Store.Tests.Domain.Catalog;

public class ProductOfferTests
{
    [Fact]
    public void For_WhenSomeSizesAreMarkedDown_SelectsTheCheapestAndHeadlinesItsPriceWithFrom()
    {
        // The demo's clearance jacket: S and M at the regular $219.99, L marked down to its floor, $175.99.
        var offer = ProductOffer.For([new(1, 21999, 12), new(2, 21999, 30), new(3, 17599, 45)], allowBackorders: false);

        Assert.Equal((3, 3, true), (offer.Default?.Id, offer.Headline?.Id, offer.PricesVary));
    }

    [Fact]
    public void For_WhenTheCheapestOptionIsSoldOut_HeadlinesTheCheapestThatCanBeBought()
    {
        var offer = ProductOffer.For([new(1, 21999, 4), new(2, 17599, 0), new(3, 19999, 2)], allowBackorders: false);

        Assert.Equal((3, 3, true), (offer.Default?.Id, offer.Headline?.Id, offer.PricesVary));
    }

    [Fact]
    public void For_WhenAllOptionsCostTheSame_SelectsTheFirstBuyableWithoutFrom()
    {
        var offer = ProductOffer.For([new(1, 4500, 0), new(2, 4500, 3), new(3, 4500, 9)], allowBackorders: false);

        Assert.Equal((2, 2, false), (offer.Default?.Id, offer.Headline?.Id, offer.PricesVary));
    }

    [Fact]
    public void For_WhenEverythingIsSoldOut_SelectsNothingButStillHeadlinesTheLowestPrice()
    {
        var offer = ProductOffer.For([new(1, 4500, 0), new(2, 3900, 0)], allowBackorders: false);

        Assert.Equal((null, 2, true), (offer.Default?.Id, offer.Headline?.Id, offer.PricesVary));
    }

    [Fact]
    public void For_WhenBackordersAreAllowed_ASoldOutOptionCanBeTheDefault()
    {
        var offer = ProductOffer.For([new(1, 4500, 2), new(2, 3900, 0)], allowBackorders: true);

        Assert.Equal((2, 2), (offer.Default?.Id, offer.Headline?.Id));
    }
}
