using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Domain.Tax;

namespace Store.Tests.Domain.Ordering;

public class InvoiceAndTaxBreakdownTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly ShippingAddress Address = new("Grace Hopper", "12 Harbor Rd", null, "Portland", "ME", "04101", "US");

    private static Order PlacedOrder(long lineTax = 190, long shippingTax = 0) =>
        Order.Place(Guid.NewGuid(), 10001, null, "a@example.com", Address, "EUR", [new OrderLine(1, "Jacket", "M", "J-M", 1000, 1, lineTax)], 500, null, null, Now, new OrderShipping("DHL Parcel", shippingTax, false)).Value;

    [Fact]
    public void Issue_WhenTheOrderIsUnpaid_IsRefused()
    {
        Assert.Equal("invoice.unpaid", Invoice.Issue(PlacedOrder(), 1, Now).Error!.Code);
    }

    [Fact]
    public void Issue_WhenPaid_NumbersByYearAndSequence()
    {
        var order = PlacedOrder();
        order.MarkPaid("test", Now);

        var invoice = Invoice.Issue(order, 42, Now).Value;

        Assert.Equal("2026-000042", invoice.Number);
        Assert.Equal(2026, invoice.Year);
        Assert.Equal(order.Id, invoice.OrderId);
    }

    [Fact]
    public void RecordTaxBreakdown_WhenItAddsUpToTheOrdersTax_KeepsEachRate()
    {
        var order = PlacedOrder(lineTax: 190, shippingTax: 95);

        var kept = order.RecordTaxBreakdown([Line(19m, 1500, 285)]);

        Assert.True(kept.IsSuccess);
        var line = Assert.Single(order.TaxLines);
        Assert.Equal((19m, 1500L, 285L), (line.RatePercent, line.TaxableNetMinor, line.TaxMinor));
    }

    [Fact]
    public void RecordTaxBreakdown_WhenItDoesNotAddUp_IsRefusedAndKeepsNothing()
    {
        var order = PlacedOrder(lineTax: 190);

        Assert.Equal("order.tax_breakdown", order.RecordTaxBreakdown([Line(19m, 1000, 190), Line(7m, 100, 7)]).Error!.Code);
        Assert.Empty(order.TaxLines);
    }

    [Fact]
    public void RecordTaxBreakdown_Twice_IsRefused()
    {
        var order = PlacedOrder(lineTax: 190);
        order.RecordTaxBreakdown([Line(19m, 1000, 190)]);

        Assert.Equal("order.tax_breakdown", order.RecordTaxBreakdown([Line(19m, 1000, 190)]).Error!.Code);
        Assert.Single(order.TaxLines);
    }

    private static TaxBreakdownLine Line(decimal rate, long net, long tax) => new("Germany", new Percent(rate), new Money(net, "EUR"), new Money(tax, "EUR"));
}
