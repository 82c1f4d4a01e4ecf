namespace Store.Domain.Ordering;

public enum OrderStatus
{
    AwaitingPayment = 0,
    Paid = 1,
    Cancelled = 2,
    Fulfilling = 3,
    Shipped = 4,
    Delivered = 5,
    PartiallyRefunded = 6,
    Refunded = 7,
    Returned = 8,
}
