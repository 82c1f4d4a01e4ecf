namespace Store.Domain.Payments;

public enum PaymentStatus
{
    Pending = 0,
    Succeeded = 1,
    Declined = 2,

    /// <summary>The provider holds the money; capturing it makes the payment Succeeded.</summary>
    Authorised = 3,

    /// <summary>The provider took or held money the store could not keep (the order was gone); it was given back.</summary>
    Voided = 4,
}
