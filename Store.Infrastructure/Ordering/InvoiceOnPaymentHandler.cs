using Store.Domain.Ordering.Events;
using Store.Infrastructure.Notifications;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Ordering;

/// <summary>
/// Issues the invoice when an order is paid, inside the outbox dispatcher's transaction: if another handler of the
/// same message fails, the invoice and its number roll back with it and are issued again on the retry.
/// </summary>
public sealed class InvoiceOnPaymentHandler(InvoiceService invoices) : IOutboxHandler
{
    public string EventType => "order.paid";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var paid = OrderMailer.Read<OrderPaid>(message);
        var issued = await invoices.IssueAsync(paid.OrderId, ct);

        // A refund can come before the dispatcher does; the order was paid, so PaidAt is set and the invoice is still due.
        if (!issued.IsSuccess && issued.Error!.Code != "order.unknown")
        {
            throw new InvalidOperationException($"No invoice for order {paid.OrderId}: {issued.Error.Message}");
        }
    }
}
