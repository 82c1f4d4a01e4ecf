namespace Store.Infrastructure.Ordering;

/// <summary>
/// The last invoice sequence used in a year. Not a PostgreSQL sequence: those skip numbers when a transaction rolls
/// back, and invoice numbers must not have gaps. The row is incremented in the transaction that saves the invoice,
/// so its lock serialises issuing and a rollback returns the number.
/// </summary>
public sealed class InvoiceCounter
{
    public int Year { get; private set; }
    public int LastSequence { get; private set; }
}
