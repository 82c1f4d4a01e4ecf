using Store.Domain.Common;

namespace Store.Domain.Inventory;

public enum PurchaseOrderStatus
{
    Draft = 0,
    Sent = 1,
    Received = 2,
    Cancelled = 3,
}

/// <summary>Stock ordered from a supplier for one location: drafted (by hand or by a low-stock alert), sent, then received into stock.</summary>
public sealed class PurchaseOrder
{
    private readonly List<PurchaseOrderLine> _lines = [];

    private PurchaseOrder()
    {
    }

    public PurchaseOrder(Guid id, long number, int supplierId, int locationId, string createdBy, DateTimeOffset now)
    {
        Id = id;
        Number = number;
        SupplierId = supplierId;
        LocationId = locationId;
        CreatedBy = createdBy;
        CreatedAt = now;
        Status = PurchaseOrderStatus.Draft;
    }

    public Guid Id { get; private set; }
    public long Number { get; private set; }
    public int SupplierId { get; private set; }
    public int LocationId { get; private set; }
    public PurchaseOrderStatus Status { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }
    public IReadOnlyList<PurchaseOrderLine> Lines => _lines;

    public Result<bool> AddLine(int variantId, int quantity)
    {
        if (Status != PurchaseOrderStatus.Draft)
        {
            return DomainError.Conflict("po.state", $"Purchase order {Number} is {Status}; only drafts change.");
        }

        if (quantity is < 1 or > 100_000)
        {
            return DomainError.Invalid("po.quantity", "Order between 1 and 100,000 units.");
        }

        var existing = _lines.FirstOrDefault(l => l.VariantId == variantId);
        if (existing is not null)
        {
            existing.Increase(quantity);
        }
        else
        {
            _lines.Add(new PurchaseOrderLine(Id, variantId, quantity));
        }

        return true;
    }

    public Result<bool> Send(DateTimeOffset now)
    {
        if (Status != PurchaseOrderStatus.Draft)
        {
            return DomainError.Conflict("po.state", $"Purchase order {Number} is {Status} and cannot be sent.");
        }

        if (_lines.Count == 0)
        {
            return DomainError.Invalid("po.empty", "Add at least one line before sending.");
        }

        Status = PurchaseOrderStatus.Sent;
        SentAt = now;
        return true;
    }

    public Result<bool> MarkReceived(DateTimeOffset now)
    {
        if (Status != PurchaseOrderStatus.Sent)
        {
            return DomainError.Conflict("po.state", $"Purchase order {Number} is {Status}; only a sent order is received.");
        }

        Status = PurchaseOrderStatus.Received;
        ReceivedAt = now;
        return true;
    }

    public Result<bool> Cancel()
    {
        if (Status is PurchaseOrderStatus.Received or PurchaseOrderStatus.Cancelled)
        {
            return DomainError.Conflict("po.state", $"Purchase order {Number} is {Status} and cannot be cancelled.");
        }

        Status = PurchaseOrderStatus.Cancelled;
        return true;
    }
}

public sealed class PurchaseOrderLine
{
    private PurchaseOrderLine()
    {
    }

    internal PurchaseOrderLine(Guid purchaseOrderId, int variantId, int quantity)
    {
        PurchaseOrderId = purchaseOrderId;
        VariantId = variantId;
        Quantity = quantity;
    }

    public long Id { get; private set; }
    public Guid PurchaseOrderId { get; private set; }
    public int VariantId { get; private set; }
    public int Quantity { get; private set; }

    internal void Increase(int quantity) => Quantity += quantity;
}
