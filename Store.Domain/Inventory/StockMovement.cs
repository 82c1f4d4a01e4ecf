namespace Store.Domain.Inventory;

public enum MovementKind
{
    Receipt = 0,
    Sale = 1,
    Adjustment = 2,
    TransferOut = 3,
    TransferIn = 4,
    Return = 5,
    Reservation = 6,
    Release = 7,
}

/// <summary>
/// One line of the append-only stock ledger. For every variant and location, the on-hand deltas sum to on hand
/// and the reserved deltas sum to reserved; the integrity check proves it, so no count changes without a reason.
/// </summary>
public sealed class StockMovement
{
    private StockMovement()
    {
    }

    public StockMovement(int variantId, int locationId, MovementKind kind, int onHandDelta, int reservedDelta, Guid? orderId, string actor, string? note, DateTimeOffset at)
    {
        VariantId = variantId;
        LocationId = locationId;
        Kind = kind;
        OnHandDelta = onHandDelta;
        ReservedDelta = reservedDelta;
        OrderId = orderId;
        Actor = actor;
        Note = note;
        At = at;
    }

    public long Id { get; private set; }
    public int VariantId { get; private set; }
    public int LocationId { get; private set; }
    public MovementKind Kind { get; private set; }
    public int OnHandDelta { get; private set; }
    public int ReservedDelta { get; private set; }
    public Guid? OrderId { get; private set; }
    public string Actor { get; private set; } = "";
    public string? Note { get; private set; }
    public DateTimeOffset At { get; private set; }
}
