using Store.Domain.Ordering;

namespace Store.Tests.Domain.Customers;

public class OrderAnonymiseTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Anonymise_RemovesWhoAndTheStreetButKeepsAmountsTaxAndTheTaxPlace()
    {
        var address = new ShippingAddress("Ada Lovelace", "1 Main St", "Flat 2", "Springfield", "IL", "62701", "US");
        var order = Order.Place(Guid.NewGuid(), 10001, "user-1", "ada@example.com", address, "USD", [new OrderLine(1, "Trail Tee", "M", "TSH-1-M", 2499, 2, TaxMinor: 300)], 599, null, null, Now).Value;
        var (total, tax, lines) = (order.TotalMinor, order.TaxMinor, order.Items.Count);

        order.Anonymise("deleted-1@deleted.invalid");

        Assert.Null(order.CustomerId);
        Assert.Equal("deleted-1@deleted.invalid", order.Email);
        Assert.Equal(new ShippingAddress(Order.AnonymisedName, "", null, "", "IL", "62701", "US"), order.ShippingAddress);
        Assert.Equal((total, tax, lines), (order.TotalMinor, order.TaxMinor, order.Items.Count));
    }
}
