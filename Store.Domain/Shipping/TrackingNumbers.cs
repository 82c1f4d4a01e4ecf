using System.Security.Cryptography;

namespace Store.Domain.Shipping;

/// <summary>
/// The store's tracking numbers: two letters for the carrier, 15 random digits and a Luhn check digit
/// ("UP4821937750212466"). Random rather than sequential so one parcel's number does not reveal its neighbours' on the
/// public tracking page; the check digit lets that page turn away a mistyped number without a lookup.
/// </summary>
public static class TrackingNumbers
{
    private const int RandomDigits = 15;

    public static string New(string carrier)
    {
        var prefix = new string([.. carrier.Where(char.IsAsciiLetter).Select(char.ToUpperInvariant).Take(2)]).PadRight(2, 'X');
        var digits = new char[RandomDigits];
        for (var i = 0; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        var body = new string(digits);
        return prefix + body + CheckDigit(body);
    }

    public static bool IsWellFormed(string? number) =>
        number is { Length: 2 + RandomDigits + 1 }
        && char.IsAsciiLetterUpper(number[0]) && char.IsAsciiLetterUpper(number[1])
        && number.Skip(2).All(char.IsAsciiDigit)
        && CheckDigit(number[2..^1]) == number[^1];

    /// <summary>
    /// A carrier's own number (UPS "1Z…", FedEx and USPS digits): 7 to 40 upper-case letters and digits. Carriers
    /// check their own digits; the store only keeps what could be typed into a URL safely.
    /// </summary>
    public static bool IsCarrierNumber(string? number) =>
        number is { Length: >= 7 and <= 40 } && number.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    /// <summary>Luhn: doubling every second digit from the right catches every single-digit typo and most swaps.</summary>
    private static char CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
