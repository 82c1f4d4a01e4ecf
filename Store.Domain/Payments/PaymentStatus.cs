namespace Store.Domain.Payments;

public enum PaymentStatus
{
    Pending = 0,
    Succeeded = 1,
    Declined = 2,
}
