using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Ordering;

/// <summary>
/// Gives a paid order its invoice number, once. The order row is locked first (two issues of one order wait for each
/// other and the second finds the invoice), then the year's counter row is incremented in the same transaction as
/// the invoice is saved: numbers are handed out one at a time and a rollback leaves no gap.
/// </summary>
public sealed class InvoiceService(StoreDbContext db, IClock clock)
{
    public Task<Result<Invoice>> IssueAsync(Guid orderId, CancellationToken ct = default) =>
        db.RetriableAsync(token => IssueOnceAsync(orderId, token), ct);

    private async Task<Result<Invoice>> IssueOnceAsync(Guid orderId, CancellationToken ct)
    {
        // The unlocked look is for the invoice page's repeat visits; inside a caller's transaction (the outbox's, on
        // payment) the locked look below is the only one needed.
        if (db.Database.CurrentTransaction is null && await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.OrderId == orderId, ct) is { } issued)
        {
            return issued;
        }

        await using var tx = await OwnedTransaction.BeginAsync(db.Database, ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {orderId} FOR UPDATE", ct);
        if (await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.OrderId == orderId, ct) is { } raced)
        {
            return raced;
        }

        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
        {
            return DomainError.NotFound("order.unknown", "No such order.");
        }

        if (order.PaidAt is null)
        {
            return DomainError.Conflict("invoice.unpaid", $"Order #{order.Number} is not paid, so it has no invoice yet.");
        }

        var now = clock.UtcNow;
        var year = now.UtcDateTime.Year;

        // Not composable (an INSERT), so read as a list rather than letting EF wrap it in a SELECT.
        var sequence = (await db.Database.SqlQuery<int>($"""
            INSERT INTO invoice_counters (year, last_sequence) VALUES ({year}, 1)
            ON CONFLICT (year) DO UPDATE SET last_sequence = invoice_counters.last_sequence + 1
            RETURNING last_sequence AS "Value"
            """).ToListAsync(ct)).Single();
        var invoice = Invoice.Issue(order, sequence, now);
        if (!invoice.IsSuccess)
        {
            await tx.RollbackAsync(ct);
            return invoice;
        }

        db.Invoices.Add(invoice.Value);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return invoice;
    }
}
