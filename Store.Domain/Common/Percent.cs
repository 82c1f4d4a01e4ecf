namespace Store.Domain.Common;

/// <summary>
/// A percentage such as 19 or 7.25, as configured by the owner. It only ever turns into money through
/// <see cref="Of"/>, which rounds half-even (banker's rounding) to whole minor units, so no decimal leaks into a total
/// and rounding ties do not drift upward over many lines.
/// </summary>
public readonly record struct Percent(decimal Value)
{
    public static Percent Zero => new(0m);

    /// <summary>This percentage of an amount, rounded half-even to a minor unit.</summary>
    public Money Of(Money amount) => new(RoundHalfEven(amount.Minor * Value / 100m), amount.Currency);

    /// <summary>The tax contained in a gross amount at this rate: gross × rate / (100 + rate), rounded half-even.</summary>
    public Money IncludedIn(Money gross) => new(RoundHalfEven(gross.Minor * Value / (100m + Value)), gross.Currency);

    internal static long RoundHalfEven(decimal value) => (long)Math.Round(value, 0, MidpointRounding.ToEven);

    public override string ToString() => $"{Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} %";
}
