namespace Store.Domain.Promotions;

public enum BenefitKind
{
    PercentOff = 0,
    AmountOff = 1,
    FreeShipping = 2,
    BuyXGetY = 3,
}
