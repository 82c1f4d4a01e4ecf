namespace Store.Domain.Inventory;

public enum ReservationStatus
{
    Active = 0,
    Committed = 1,
    Released = 2,
}

/// <summary>Units of one variant at one location held for an order until it is paid (committed) or given up (released).</summary>
public sealed class StockReservation
{
    private StockReservation()
    {
    }

    public StockReservation(Guid orderId, int variantId, int locationId, int quantity, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        OrderId = orderId;
        VariantId = variantId;
        LocationId = locationId;
        Quantity = quantity;
        CreatedAt = now;
        ExpiresAt = expiresAt;
        Status = ReservationStatus.Active;
    }

    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    public int VariantId { get; private set; }
    public int LocationId { get; private set; }
    public int Quantity { get; private set; }
    public ReservationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Unless the order is paid by then, the stock goes back on sale.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>A payment is waiting on the shopper (a hosted page, 3-D Secure): keep the stock while it does.</summary>
    public void ExtendTo(DateTimeOffset expiresAt)
    {
        if (Status == ReservationStatus.Active && expiresAt > ExpiresAt)
        {
            ExpiresAt = expiresAt;
        }
    }

    public void MarkCommitted() => Status = ReservationStatus.Committed;

    public void MarkReleased() => Status = ReservationStatus.Released;
}
