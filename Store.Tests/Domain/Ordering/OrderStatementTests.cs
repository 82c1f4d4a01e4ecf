using Store.Domain.Ordering;

namespace Store.Tests.Domain.Ordering;

public class OrderStatementTests
{
    [Fact]
    public void Of_ATaxExclusiveOrderWithAFreeShippingPromotion_ShowsShippingBeforeItsDiscountAndAddsUpToTheTotal()
    {
        // Items 10000 less 10 % on lines (1000) and 500 off shipping (free): kept subtotal 9000, shipping 0, tax 720, total 9720.
        var statement = OrderStatement.Of(itemsGrossMinor: 10000, itemsNetMinor: 9000, discountsMinor: 1500, subtotalMinor: 9000, taxMinor: 720, totalMinor: 9720);

        Assert.Equal(new OrderStatement(10000, 1500, 500, 720, TaxIncluded: false, 9720), statement);
        Assert.Equal(statement.TotalMinor, statement.ItemsMinor - statement.DiscountsMinor + statement.ShippingMinor + statement.TaxMinor);
    }

    [Fact]
    public void Of_ATaxInclusiveOrder_ShowsItsTaxAsIncludedAndShippingWithItsTax()
    {
        // Lines 12000 gross incl. 20 % VAT, 1200 off: net 10800 of which 1800 tax (subtotal kept net of tax: 9000);
        // shipping 600 incl. 100 tax (kept net: 500); tax 1900; total 11400.
        var statement = OrderStatement.Of(itemsGrossMinor: 12000, itemsNetMinor: 10800, discountsMinor: 1200, subtotalMinor: 9000, taxMinor: 1900, totalMinor: 11400);

        Assert.Equal(new OrderStatement(12000, 1200, 600, 1900, TaxIncluded: true, 11400), statement);
        Assert.Equal(statement.TotalMinor, statement.ItemsMinor - statement.DiscountsMinor + statement.ShippingMinor);
    }
}
