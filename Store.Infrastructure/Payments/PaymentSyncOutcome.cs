namespace Store.Infrastructure.Payments;

/// <summary>What bringing a payment in line with its provider did.</summary>
public enum PaymentSyncOutcome
{
    Unchanged,

    /// <summary>The same webhook event was handled before; nothing was done again.</summary>
    Duplicate,

    /// <summary>The money was taken and the order is paid, its stock sold.</summary>
    Completed,

    /// <summary>The money is held, waiting for staff to capture it.</summary>
    Authorised,
    Declined,

    /// <summary>The order could not be filled any more, so the held money was released or the charge refunded.</summary>
    Voided,

    /// <summary>Money the provider gave back (a refund made in its dashboard) is now recorded on the order.</summary>
    Refunded,

    /// <summary>A dispute of the payment was opened or decided, and recorded on the order.</summary>
    Disputed,
}
