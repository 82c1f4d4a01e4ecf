namespace Store.Domain.Payments;

public enum DisputeStatus
{
    /// <summary>The bank is asking (Stripe's needs_response, under_review and their warning_ forms): the money is held or at risk.</summary>
    Open = 0,

    /// <summary>Decided for the store: the money stays.</summary>
    Won = 1,

    /// <summary>Decided for the cardholder: the bank took the money back.</summary>
    Lost = 2,

    /// <summary>An inquiry closed without becoming a chargeback (Stripe's warning_closed).</summary>
    Closed = 3,
}
