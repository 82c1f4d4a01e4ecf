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

    /// <summary>Formats with two decimals; every currency the store sells in today has two minor digits.</summary>
    public override string ToString()
    {
        var sign = Minor < 0 ? "-" : "";
        var abs = Math.Abs(Minor);
        var symbol = Currency switch { "USD" => "$", "EUR" => "€", "GBP" => "£", _ => Currency + " " };
        return $"{sign}{symbol}{abs / 100:N0}.{abs % 100:D2}";
    }

    private static void EnsureSameCurrency(Money a, Money b)
    {
        if (!string.Equals(a.Currency, b.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");
        }
    }
}
