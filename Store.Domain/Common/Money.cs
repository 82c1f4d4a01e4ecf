namespace Store.Domain.Common;

/// <summary>An amount in integer minor units (cents) of an ISO 4217 currency. Never a floating point number.</summary>
public readonly record struct Money(long Minor, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public static Money operator +(Money a, Money b)
    {
        EnsureSameCurrency(a, b);
        return new Money(checked(a.Minor + b.Minor), a.Currency);
    }

    public static Money operator -(Money a, Money b)
    {
        EnsureSameCurrency(a, b);
        return new Money(checked(a.Minor - b.Minor), a.Currency);
    }

    public Money Times(int quantity) => new(checked(Minor * quantity), Currency);

    /// <summary>The amount in the current culture's way of writing numbers, with the currency's own symbol and decimals.</summary>
    public override string ToString() => MoneyFormat.For(System.Globalization.CultureInfo.CurrentCulture).Format(this);

    private static void EnsureSameCurrency(Money a, Money b)
    {
        if (!string.Equals(a.Currency, b.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");
        }
    }
}
