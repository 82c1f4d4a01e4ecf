using Store.Domain.Common;

namespace Store.Domain.Ordering;

public sealed class Order
{
    private readonly List<OrderItem> _items = [];
    private readonly List<OrderStatusChange> _history = [];
    private readonly List<OrderTaxLine> _taxLines = [];

    private Order()
    {
    }

    private Order(Guid id, long number, string? customerId, string email, ShippingAddress address, string currency, long shippingMinor, DateTimeOffset now)
    {
        Id = id;
        Number = number;
        CustomerId = customerId;
        Email = email;
        ShippingAddress = address;
        Currency = currency;
        ShippingMinor = shippingMinor;
        PlacedAt = now;
        Status = OrderStatus.AwaitingPayment;
    }

    public Guid Id { get; private set; }

    /// <summary>The number a shopper sees and quotes ("#10042"), from a database sequence.</summary>
    public long Number { get; private set; }
    public string? CustomerId { get; private set; }
    public string Email { get; private set; } = "";
    public ShippingAddress ShippingAddress { get; private set; } = null!;
    public OrderStatus Status { get; private set; }
    public string Currency { get; private set; } = "";
    public long SubtotalMinor { get; private set; }
    public long ShippingMinor { get; private set; }
    public long TaxMinor { get; private set; }
    public long TotalMinor { get; private set; }
    public DateTimeOffset PlacedAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public IReadOnlyList<OrderItem> Items => _items;

    /// <summary>The tax per rate as checkout computed it when the order was placed; adds up to <see cref="TaxMinor"/>.</summary>
    public IReadOnlyList<OrderTaxLine> TaxLines => _taxLines;

    /// <summary>Status changes, oldest first (only those loaded or made in this unit of work).</summary>
    public IReadOnlyList<OrderStatusChange> History => _history;
    public DateTimeOffset? ShippedAt { get; private set; }
    public string? Carrier { get; private set; }

    /// <summary>The shipping method the shopper chose at checkout ("USPS Ground Advantage"); the label and carrier follow it.</summary>
    public string? ShippingService { get; private set; }

    /// <summary>The id of the method chosen at checkout; "carrier:service" ("ups:03") when it was a carrier's live rate, so its label can be bought.</summary>
    public string? ShippingMethodId { get; private set; }
    public string? TrackingNumber { get; private set; }
    public long RefundedMinor { get; private set; }

    /// <summary>The cart this order was placed from and the cart's state then: placing the same cart twice gives one order.</summary>
    public Guid? CartId { get; private set; }
    public DateTimeOffset? CartVersion { get; private set; }

    public Money Total => new(TotalMinor, Currency);

    public static Result<Order> Place(
        Guid id,
        long number,
        string? customerId,
        string email,
        ShippingAddress address,
        string currency,
        IReadOnlyCollection<OrderLine> lines,
        long shippingMinor,
        Guid? cartId,
        DateTimeOffset? cartVersion,
        DateTimeOffset now,
        OrderShipping? shipping = null)
    {
        if (lines.Count == 0)
        {
            return DomainError.Invalid("order.empty", "The cart is empty.");
        }

        if (lines.Any(l => l.Quantity <= 0 || l.UnitPriceMinor < 0))
        {
            return DomainError.Invalid("order.line", "Every line needs a positive quantity and a price.");
        }

        if (lines.Any(l => l.DiscountMinor < 0 || l.DiscountMinor > l.GrossMinor))
        {
            return DomainError.Invalid("order.discount", "A line's discount is between zero and the line's price.");
        }

        shipping ??= new OrderShipping(null, 0, PricesIncludeTax: false);
        if (shippingMinor < 0 || shipping.TaxMinor < 0 || (shipping.PricesIncludeTax && shipping.TaxMinor > shippingMinor))
        {
            return DomainError.Invalid("order.shipping", "Shipping and its tax cannot be negative.");
        }

        if (lines.Any(l => l.TaxMinor < 0 || (shipping.PricesIncludeTax && l.TaxMinor > l.NetMinor)))
        {
            return DomainError.Invalid("order.tax", "A line's tax cannot be negative or, in prices that include tax, more than the line.");
        }

        var totals = OrderTotals.For(lines, shippingMinor, shipping.TaxMinor, shipping.PricesIncludeTax, currency);
        var order = new Order(id, number, customerId, email.Trim(), address, currency, totals.ShippingMinor, now)
        {
            CartId = cartId,
            CartVersion = cartVersion,
            ShippingService = shipping.Service,
            ShippingMethodId = shipping.MethodId,
        };
        foreach (var line in lines)
        {
            order._items.Add(new OrderItem(line));
        }

        order.SubtotalMinor = totals.SubtotalMinor;
        order.TaxMinor = totals.TaxMinor;
        order.TotalMinor = totals.TotalMinor;
        order._history.Add(new OrderStatusChange(id, null, OrderStatus.AwaitingPayment, customerId ?? email, "Order placed", now));
        return order;
    }

    /// <summary>
    /// Keeps checkout's tax breakdown with the order, once, at placement. It must add up to the order's tax: a
    /// breakdown that does not is a bug in the calculation, never something to print on an invoice.
    /// </summary>
    public Result<bool> RecordTaxBreakdown(IEnumerable<Tax.TaxBreakdownLine> breakdown)
    {
        if (_taxLines.Count > 0)
        {
            return DomainError.Conflict("order.tax_breakdown", $"Order #{Number} already has its tax breakdown.");
        }

        var lines = breakdown.ToList();
        if (lines.Any(l => l.Tax.Currency != Currency || l.TaxableNet.Currency != Currency))
        {
            return DomainError.Invalid("order.tax_breakdown", "The tax breakdown is in another currency than the order.");
        }

        if (lines.Sum(l => l.Tax.Minor) != TaxMinor)
        {
            return DomainError.Invalid("order.tax_breakdown", $"The tax breakdown adds up to {lines.Sum(l => l.Tax.Minor)}, the order's tax is {TaxMinor}.");
        }

        foreach (var line in lines)
        {
            _taxLines.Add(new OrderTaxLine(Id, line.ZoneName, line.Rate.Value, line.TaxableNet.Minor, line.Tax.Minor));
        }

        return true;
    }

    /// <summary>Records the units of a line that stock could not cover (only for products that allow backorders).</summary>
    public void Backorder(int variantId, int quantity)
    {
        foreach (var item in _items.Where(i => i.VariantId == variantId))
        {
            item.Backorder(quantity);
        }
    }

    public Result<bool> MarkPaid(string actor, DateTimeOffset now)
    {
        if (Status == OrderStatus.Paid)
        {
            return true;
        }

        var moved = MoveTo(OrderStatus.Paid, actor, "Payment captured", now);
        if (moved.IsSuccess)
        {
            PaidAt = now;
        }

        return moved;
    }

    /// <summary>
    /// Removes the buyer's identity when their account is deleted. What accounting must keep stays: the number, the
    /// lines, amounts and tax, and where the goods went for tax purposes (country, region, postal code), which is what
    /// the tax lines were computed from. <paramref name="pseudonym"/> replaces the email (the column is required and
    /// per-customer promotion limits count by it); it leads to nobody.
    /// </summary>
    public void Anonymise(string pseudonym)
    {
        CustomerId = null;
        Email = pseudonym;
        ShippingAddress = ShippingAddress with { Name = AnonymisedName, Line1 = "", Line2 = null, City = "" };
    }

    public const string AnonymisedName = "Deleted customer";

    public Result<bool> Cancel(string actor, string reason, DateTimeOffset now)
    {
        var moved = MoveTo(OrderStatus.Cancelled, actor, reason, now);
        if (moved.IsSuccess)
        {
            CancelledAt = now;
        }

        return moved;
    }

    public Result<bool> StartFulfilment(string actor, DateTimeOffset now) => MoveTo(OrderStatus.Fulfilling, actor, "Fulfilment started", now);

    public Result<bool> Ship(string carrier, string trackingNumber, string actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
        {
            return DomainError.Invalid("order.tracking", "A shipment needs a carrier and a tracking number.");
        }

        var moved = MoveTo(OrderStatus.Shipped, actor, $"{carrier.Trim()} {trackingNumber.Trim()}", now);
        if (moved.IsSuccess)
        {
            Carrier = carrier.Trim();
            TrackingNumber = trackingNumber.Trim();
            ShippedAt = now;
        }

        return moved;
    }

    public Result<bool> MarkDelivered(string actor, DateTimeOffset now) => MoveTo(OrderStatus.Delivered, actor, null, now);

    public Result<bool> MarkReturned(string actor, string reason, DateTimeOffset now) => MoveTo(OrderStatus.Returned, actor, reason, now);

    /// <summary>Records money given back; the whole total makes the order Refunded, less makes it PartiallyRefunded.</summary>
    public Result<bool> RecordRefund(long amountMinor, string actor, string reason, DateTimeOffset now)
    {
        if (amountMinor <= 0 || amountMinor > TotalMinor - RefundedMinor)
        {
            return DomainError.Invalid("order.refund", $"A refund is between 0.01 and the {new Money(TotalMinor - RefundedMinor, Currency)} not yet refunded.");
        }

        var to = RefundedMinor + amountMinor == TotalMinor ? OrderStatus.Refunded : OrderStatus.PartiallyRefunded;
        var moved = MoveTo(to, actor, $"{new Money(amountMinor, Currency)} refunded: {reason}", now);
        if (moved.IsSuccess)
        {
            RefundedMinor += amountMinor;
        }

        return moved;
    }

    /// <summary>
    /// Puts something that happened to the order without changing its status (a payment dispute) on its timeline,
    /// as a step from its status to the same status.
    /// </summary>
    public void RecordNote(string actor, string note, DateTimeOffset now) =>
        _history.Add(new OrderStatusChange(Id, Status, Status, actor, note, now));

    private Result<bool> MoveTo(OrderStatus to, string actor, string? note, DateTimeOffset now)
    {
        if (!OrderStateMachine.CanMove(Status, to))
        {
            return DomainError.Conflict("order.transition", $"Order #{Number} is {Status} and cannot become {to}.");
        }

        _history.Add(new OrderStatusChange(Id, Status, to, actor, note, now));
        Status = to;
        return true;
    }
}
