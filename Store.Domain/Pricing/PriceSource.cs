namespace Store.Domain.Pricing;

/// <summary>Where a unit price came from. The order is also the tie-break when two sources give the same price.</summary>
public enum PriceSource
{
    Base = 0,
    Sale = 1,
    CustomerGroup = 2,
    QuantityTier = 3,
    Markdown = 4,
    Floor = 5,
}
