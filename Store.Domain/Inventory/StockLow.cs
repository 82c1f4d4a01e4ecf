using Store.Domain.Common;

namespace Store.Domain.Inventory;

/// <summary>Available stock of a variant at a location fell below its reorder point.</summary>
public sealed record StockLow(int VariantId, int LocationId, int Available, int ReorderPoint, int ReorderQuantity) : IDomainEvent
{
    public string EventType => "stock.low";
}
