namespace Store.Domain.Promotions;

/// <summary>
/// Exclusive promotions never combine with anything; stackable ones combine with each other. The evaluator gives the
/// shopper the better of "every stackable together" and "the best exclusive one alone".
/// </summary>
public enum Stacking
{
    Stackable = 0,
    Exclusive = 1,
}
