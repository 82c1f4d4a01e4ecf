namespace Store.Domain.Shipping;

public enum RateKind
{
    Flat = 0,
    WeightTable = 1,
    PriceTable = 2,
}
