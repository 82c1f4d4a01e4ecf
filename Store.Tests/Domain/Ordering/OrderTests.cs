using Store.Domain.Ordering;

namespace Store.Tests.Domain.Ordering;

public class OrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly ShippingAddress Address = new("Ada Lovelace", "1 Main St", null, "Springfield", "IL", "62701", "US");

    private static Order Place(params OrderLine[] lines) =>
        Order.Place(Guid.NewGuid(), 10001, null, "ada@example.com", Address, "USD", lines, 599, null, null, Now).Value;

    [Fact]
    public void Place_KeepsAPriceSnapshotAndTotalsEveryLine()
    {
        var order = Place(new OrderLine(1, "Trail Tee", "M / Black", "TSH-1-M", 2499, 2), new OrderLine(2, "Mug", "Steel", "KIT-2", 1299, 1));

        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Equal((2499 * 2) + 1299, order.SubtotalMinor);
        Assert.Equal(599, order.ShippingMinor);
        Assert.Equal(order.SubtotalMinor + 599 + order.TaxMinor, order.TotalMinor);
        var tee = order.Items.Single(i => i.Sku == "TSH-1-M");
        Assert.Equal(("Trail Tee", "M / Black", 2499L, 2, 4998L), (tee.ProductName, tee.VariantTitle, tee.UnitPriceMinor, tee.Quantity, tee.LineTotalMinor));
    }

    [Fact]
    public void Place_WithTaxPerLineAndOnShipping_KeepsEachLinesTaxAndAddsAllOfItOnTop()
    {
        var order = Order.Place(
            Guid.NewGuid(), 10001, null, "ada@example.com", Address, "USD",
            [new OrderLine(1, "Trail Tee", "M / Black", "TSH-1-M", 2499, 2, TaxMinor: 312), new OrderLine(2, "Mug", "Steel", "KIT-2", 1000, 1, TaxMinor: 62)],
            1999, null, null, Now, new OrderShipping("UPS 2nd Day Air", TaxMinor: 125, PricesIncludeTax: false)).Value;

        Assert.Equal((5998L, 1999L, 499L, 8496L), (order.SubtotalMinor, order.ShippingMinor, order.TaxMinor, order.TotalMinor));
        Assert.Equal([312L, 62L], order.Items.Select(i => i.TaxMinor));
        Assert.Equal("UPS 2nd Day Air", order.ShippingService);
    }

    [Fact]
    public void Place_WhenPricesIncludeTax_StatesSubtotalAndShippingNetAsTheCalculatorDoes()
    {
        // The German example of CheckoutCalculatorTests: 119.00 tee with 19.00 in it, 10.70 book with 0.70, 4.95 shipping with 0.79.
        var order = Order.Place(
            Guid.NewGuid(), 10001, null, "ada@example.com", Address, "EUR",
            [new OrderLine(1, "Tee", "M", "T-1", 11900, 1, TaxMinor: 1900), new OrderLine(2, "Book", "-", "B-1", 1070, 1, TaxMinor: 70)],
            495, null, null, Now, new OrderShipping("DHL", TaxMinor: 79, PricesIncludeTax: true)).Value;

        Assert.Equal((11000L, 416L, 2049L, 13465L), (order.SubtotalMinor, order.ShippingMinor, order.TaxMinor, order.TotalMinor));
    }

    [Theory]
    [InlineData(-1L, 0L, false)]
    [InlineData(0L, -1L, false)]
    [InlineData(1001L, 0L, true)]
    [InlineData(0L, 600L, true)]
    public void Place_WhenTaxIsNegativeOrMoreThanTheTaxedAmount_IsRefused(long lineTax, long shippingTax, bool inclusive)
    {
        var placed = Order.Place(
            Guid.NewGuid(), 10001, null, "ada@example.com", Address, "USD",
            [new OrderLine(1, "Tee", "M", "T-1", 1000, 1, lineTax)], 599, null, null, Now, new OrderShipping(null, shippingTax, inclusive));

        Assert.Contains(placed.Error!.Code, new[] { "order.tax", "order.shipping" });
    }

    [Fact]
    public void Place_WhenNoLines_Fails() =>
        Assert.Equal("order.empty", Order.Place(Guid.NewGuid(), 1, null, "a@b.co", Address, "USD", [], 599, null, null, Now).Error!.Code);

    [Fact]
    public void MarkPaid_WhenAwaitingPayment_MovesToPaidAndRecordsTheTime()
    {
        var order = Place(new OrderLine(1, "Tee", "M", "T-1", 1000, 1));
        Assert.True(order.MarkPaid("test", Now).IsSuccess);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(Now, order.PaidAt);
    }

    [Fact]
    public void MarkPaid_WhenCancelled_IsRejected()
    {
        var order = Place(new OrderLine(1, "Tee", "M", "T-1", 1000, 1));
        order.Cancel("test", "Changed my mind", Now);
        var result = order.MarkPaid("test", Now);
        Assert.False(result.IsSuccess);
        Assert.Equal("order.transition", result.Error!.Code);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void Cancel_WhenPaid_IsRejected()
    {
        var order = Place(new OrderLine(1, "Tee", "M", "T-1", 1000, 1));
        order.MarkPaid("test", Now);
        Assert.False(order.Cancel("test", "Changed my mind", Now).IsSuccess);
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void Lifecycle_FromPaymentToDelivery_RecordsEveryStepWithActorAndTime()
    {
        var order = Place(new OrderLine(1, "Tee", "M", "T-1", 1000, 1));
        order.MarkPaid("payments", Now);
        order.StartFulfilment("staff@store.local", Now.AddHours(1));
        order.Ship("UPS", "1Z999", "staff@store.local", Now.AddHours(2));
        order.MarkDelivered("carrier", Now.AddDays(2));

        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.Equal(
            [OrderStatus.AwaitingPayment, OrderStatus.Paid, OrderStatus.Fulfilling, OrderStatus.Shipped, OrderStatus.Delivered],
            order.History.Select(h => h.To));
        Assert.Equal("staff@store.local", order.History[3].Actor);
        Assert.Equal(("UPS", "1Z999"), (order.Carrier, order.TrackingNumber));
    }

    [Theory]
    [InlineData(OrderStatus.AwaitingPayment, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Paid, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Paid, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Paid)]
    [InlineData(OrderStatus.Refunded, OrderStatus.Fulfilling)]
    public void StateMachine_RefusesIllegalMoves(OrderStatus from, OrderStatus to) =>
        Assert.False(OrderStateMachine.CanMove(from, to));

    [Fact]
    public void RecordNote_PutsTheEventOnTheTimelineWithoutChangingTheStatus()
    {
        var order = Place(new OrderLine(1, "Tee", "M", "T-1", 1000, 1));
        order.MarkPaid("payments", Now);

        order.RecordNote("stripe", "Dispute dp_1 opened (fraudulent)", Now.AddDays(3));

        Assert.Equal(OrderStatus.Paid, order.Status);
        var note = order.History[^1];
        Assert.Equal((OrderStatus.Paid, OrderStatus.Paid, "stripe", "Dispute dp_1 opened (fraudulent)"), (note.From!.Value, note.To, note.Actor, note.Note!));
    }

    [Fact]
    public void Ship_WhenNotYetFulfilling_IsRefusedAndChangesNothing()
    {
        var order = Place(new OrderLine(1, "Tee", "M", "T-1", 1000, 1));
        order.MarkPaid("payments", Now);
        var result = order.Ship("UPS", "1Z1", "staff", Now);
        Assert.Equal("order.transition", result.Error!.Code);
        Assert.Null(order.TrackingNumber);
        Assert.Equal(2, order.History.Count);
    }

    [Fact]
    public void RecordRefund_InParts_EndsRefundedAndNeverExceedsTheTotal()
    {
        var order = Place(new OrderLine(1, "Tee", "M", "T-1", 1000, 1));
        order.MarkPaid("payments", Now);
        Assert.True(order.RecordRefund(500, "staff", "Damaged", Now).IsSuccess);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.False(order.RecordRefund(order.TotalMinor, "staff", "Too much", Now).IsSuccess);
        Assert.True(order.RecordRefund(order.TotalMinor - 500, "staff", "Rest", Now).IsSuccess);
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(order.TotalMinor, order.RefundedMinor);
    }

    [Fact]
    public void Place_WithLineDiscounts_KeepsThemAndTotalsWhatIsLeft()
    {
        var order = Place(new OrderLine(1, "Trail Tee", "M / Black", "TSH-1-M", 2499, 2, TaxMinor: 0, DiscountMinor: 500, DiscountNote: "WELCOME10: Welcome 10 % off"));

        var tee = order.Items.Single();
        Assert.Equal((500L, "WELCOME10: Welcome 10 % off", 4498L), (tee.DiscountMinor, tee.DiscountNote, tee.LineTotalMinor));
        Assert.Equal(4498, order.SubtotalMinor);
        Assert.Equal(4498 + 599, order.TotalMinor);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4999)]
    public void Place_WhenADiscountIsNegativeOrMoreThanTheLine_IsRefused(long discount)
    {
        var placed = Order.Place(Guid.NewGuid(), 10001, null, "ada@example.com", Address, "USD", [new OrderLine(1, "Tee", "M", "T-1", 2499, 2, DiscountMinor: discount)], 599, null, null, Now);

        Assert.Equal("order.discount", placed.Error?.Code);
    }
}
