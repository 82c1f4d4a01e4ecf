namespace Store.Domain.Common;

/// <summary>
/// What the store needs to know about an ISO 4217 currency to turn minor units into an amount people read and type:
/// its minor digits (JPY has none, KWD three) and its usual symbol. A currency not listed has two minor digits and
/// is shown by its code, which is never wrong, only plainer.
/// </summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorDigitsByCode = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BIF"] = 0,
        ["CLP"] = 0,
        ["DJF"] = 0,
        ["GNF"] = 0,
        ["ISK"] = 0,
        ["JPY"] = 0,
        ["KMF"] = 0,
        ["KRW"] = 0,
        ["PYG"] = 0,
        ["RWF"] = 0,
        ["UGX"] = 0,
        ["UYI"] = 0,
        ["VND"] = 0,
        ["VUV"] = 0,
        ["XAF"] = 0,
        ["XOF"] = 0,
        ["XPF"] = 0,
        ["BHD"] = 3,
        ["IQD"] = 3,
        ["JOD"] = 3,
        ["KWD"] = 3,
        ["LYD"] = 3,
        ["OMR"] = 3,
        ["TND"] = 3,
    };

    // Symbols that read unambiguously wherever the store is; dollars other than the US dollar keep a prefix, as
    // browsers' Intl.NumberFormat does, so "$" always means US dollars.
    private static readonly Dictionary<string, string> SymbolByCode = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = "$",
        ["EUR"] = "€",
        ["GBP"] = "£",
        ["JPY"] = "¥",
        ["CNY"] = "CN¥",
        ["INR"] = "₹",
        ["KRW"] = "₩",
        ["CAD"] = "CA$",
        ["AUD"] = "A$",
        ["NZD"] = "NZ$",
        ["MXN"] = "MX$",
        ["BRL"] = "R$",
        ["CHF"] = "CHF",
        ["SEK"] = "kr",
        ["NOK"] = "kr",
        ["DKK"] = "kr.",
        ["ISK"] = "kr",
        ["PLN"] = "zł",
        ["CZK"] = "Kč",
        ["HUF"] = "Ft",
        ["RON"] = "lei",
        ["BGN"] = "лв.",
        ["TRY"] = "₺",
        ["ILS"] = "₪",
        ["ZAR"] = "R",
        ["UAH"] = "₴",
    };

    public static int MinorDigits(string currency) => MinorDigitsByCode.TryGetValue(currency, out var digits) ? digits : 2;

    public static string Symbol(string currency) => SymbolByCode.TryGetValue(currency, out var symbol) ? symbol : currency.ToUpperInvariant();

    /// <summary>True for three ASCII letters, the shape of an ISO 4217 code.</summary>
    public static bool IsCode(string? currency) => currency is { Length: 3 } && currency.All(char.IsAsciiLetter);

    /// <summary>An amount as typed (19.99 dollars, 1500 yen) in minor units, rounded half-even to what the currency can hold.</summary>
    public static long ToMinor(decimal major, string currency) =>
        (long)Math.Round(major * Pow10(MinorDigits(currency)), 0, MidpointRounding.ToEven);

    public static decimal ToMajor(long minor, string currency) => minor / (decimal)Pow10(MinorDigits(currency));

    private static long Pow10(int digits) => digits switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => throw new ArgumentOutOfRangeException(nameof(digits)) };
}
