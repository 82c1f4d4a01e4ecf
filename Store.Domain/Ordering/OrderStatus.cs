namespace Store.Domain.Ordering;

public enum OrderStatus
{
    AwaitingPayment = 0,
    Paid = 1,
    Cancelled = 2,
}
