namespace Store.Infrastructure.Reports;

/// <summary>
/// One UTC day of the store, in its currency: orders paid that day (count, units, amount charged), refunds given that
/// day, and carts created. Kept by <see cref="SalesReportService"/> next to the per-product <see cref="SalesDaily"/>,
/// so the dashboard adds up a period without touching old orders or carts (which may have been purged).
/// </summary>
public sealed class SalesDayTotals
{
    private SalesDayTotals()
    {
    }

    public DateOnly Day { get; private set; }
    public int Orders { get; private set; }
    public int Units { get; private set; }
    public long GrossMinor { get; private set; }
    public int Refunds { get; private set; }
    public long RefundedMinor { get; private set; }
    public int Carts { get; private set; }
}
