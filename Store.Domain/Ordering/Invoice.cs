using Store.Domain.Common;

namespace Store.Domain.Ordering;

/// <summary>
/// The invoice of a paid order. Its number is sequential and gap-free within a calendar year ("2026-000042"), as tax
/// offices expect: the sequence is taken from a counter row in the same transaction that saves the invoice, so a
/// rolled-back issue gives its number back. An order has at most one invoice, issued once.
/// </summary>
public sealed class Invoice
{
    private Invoice()
    {
    }

    public Guid OrderId { get; private set; }
    public int Year { get; private set; }
    public int Sequence { get; private set; }
    public string Number { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }

    public static Result<Invoice> Issue(Order order, int sequence, DateTimeOffset now)
    {
        if (order.PaidAt is null)
        {
            return DomainError.Conflict("invoice.unpaid", $"Order #{order.Number} is not paid, so it has no invoice yet.");
        }

        if (sequence <= 0)
        {
            return DomainError.Invalid("invoice.sequence", "An invoice sequence starts at 1.");
        }

        var year = now.UtcDateTime.Year;
        return new Invoice { OrderId = order.Id, Year = year, Sequence = sequence, Number = FormatNumber(year, sequence), IssuedAt = now };
    }

    public static string FormatNumber(int year, int sequence) => $"{year:D4}-{sequence:D6}";
}
