using System.Collections.Concurrent;
using System.Globalization;

namespace Store.Domain.Common;

/// <summary>
/// How amounts read in one culture: the culture gives the separators and where the symbol goes ("1.234,56 €" in
/// de-DE, "€1,234.56" in en-IE), the currency gives the symbol and the number of decimals (JPY none, KWD three).
/// Every amount the store shows goes through here, whether through <see cref="Money.ToString"/> or the store's
/// formatter.
/// </summary>
public sealed class MoneyFormat
{
    private static readonly ConcurrentDictionary<string, MoneyFormat> ByCulture = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NumberFormatInfo> byCurrency = new(StringComparer.OrdinalIgnoreCase);

    private MoneyFormat(CultureInfo culture) => Culture = culture;

    public CultureInfo Culture { get; }

    public static MoneyFormat For(CultureInfo culture) => ByCulture.GetOrAdd(culture.Name, _ => new MoneyFormat(culture));

    public string Format(Money money) => Format(money.Minor, money.Currency);

    public string Format(long minor, string currency) =>
        Currencies.ToMajor(minor, currency).ToString("C", byCurrency.GetOrAdd(currency, NumberFormatFor));

    /// <summary>A plain number in the currency's decimals for this culture ("19,99"), for fields where the symbol is shown apart.</summary>
    public string FormatNumber(long minor, string currency) =>
        Currencies.ToMajor(minor, currency).ToString("N" + Currencies.MinorDigits(currency).ToString(CultureInfo.InvariantCulture), Culture);

    private NumberFormatInfo NumberFormatFor(string currency)
    {
        var format = (NumberFormatInfo)Culture.NumberFormat.Clone();
        format.CurrencySymbol = Currencies.Symbol(currency);
        format.CurrencyDecimalDigits = Currencies.MinorDigits(currency);
        if (Culture.Equals(CultureInfo.InvariantCulture))
        {
            // The invariant culture puts the symbol in an odd place ("¤") and negatives in brackets; plain "-$5.00" reads better.
            format.CurrencyPositivePattern = 0;
            format.CurrencyNegativePattern = 1;
        }

        return format;
    }
}
