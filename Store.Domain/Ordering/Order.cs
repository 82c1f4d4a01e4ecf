using Store.Domain.Common;

namespace Store.Domain.Ordering;

public sealed class Order
{
    private readonly List<OrderItem> _items = [];

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
    public string Currency { get; private set; } = "USD";
    public long SubtotalMinor { get; private set; }
    public long ShippingMinor { get; private set; }
    public long TaxMinor { get; private set; }
    public long TotalMinor { get; private set; }
    public DateTimeOffset PlacedAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public IReadOnlyList<OrderItem> Items => _items;

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
        DateTimeOffset now)
    {
        if (lines.Count == 0)
        {
            return DomainError.Invalid("order.empty", "The cart is empty.");
        }

        if (lines.Any(l => l.Quantity <= 0 || l.UnitPriceMinor < 0))
        {
            return DomainError.Invalid("order.line", "Every line needs a positive quantity and a price.");
        }

        if (shippingMinor < 0)
        {
            return DomainError.Invalid("order.shipping", "Shipping cannot be negative.");
        }

        var totals = OrderTotals.For(lines.Select(l => (l.UnitPriceMinor, l.Quantity)), shippingMinor, currency);
        var order = new Order(id, number, customerId, email.Trim(), address, currency, totals.ShippingMinor, now)
        {
            CartId = cartId,
            CartVersion = cartVersion,
        };
        foreach (var line in lines)
        {
            // Tax is not charged yet: the tax service (zones, classes, rounding) fills this in.
            order._items.Add(new OrderItem(line, taxMinor: 0));
        }

        order.SubtotalMinor = totals.SubtotalMinor;
        order.TaxMinor = totals.TaxMinor;
        order.TotalMinor = totals.TotalMinor;
        return order;
    }

    public Result<bool> MarkPaid(DateTimeOffset now)
    {
        if (Status == OrderStatus.Paid)
        {
            return true;
        }

        if (Status != OrderStatus.AwaitingPayment)
        {
            return DomainError.Conflict("order.state", $"Order #{Number} is {Status} and cannot be paid.");
        }

        Status = OrderStatus.Paid;
        PaidAt = now;
        return true;
    }

    public Result<bool> Cancel(DateTimeOffset now)
    {
        if (Status != OrderStatus.AwaitingPayment)
        {
            return DomainError.Conflict("order.state", $"Order #{Number} is {Status} and cannot be cancelled here.");
        }

        Status = OrderStatus.Cancelled;
        CancelledAt = now;
        return true;
    }
}
