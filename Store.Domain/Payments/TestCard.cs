using Store.Domain.Common;

namespace Store.Domain.Payments;

/// <summary>
/// The rules of the built-in test payment provider, like a real provider's test mode: a valid card number ending
/// 4242 is approved, one ending 0002 is declined, and any other valid number is declined as unknown.
/// Only the last four digits ever leave this type.
/// </summary>
public static class TestCard
{
    public static Result<TestCardOutcome> Evaluate(string? number, string? expiry, string? cvc, DateTimeOffset now)
    {
        var digits = new string((number ?? "").Where(c => c != ' ' && c != '-').ToArray());
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit) || !PassesLuhn(digits))
        {
            return DomainError.Invalid("card.number", "The card number is not valid.");
        }

        if (!TryParseExpiry(expiry, out var year, out var month))
        {
            return DomainError.Invalid("card.expiry", "The expiry date must be MM/YY.");
        }

        if (year < now.Year || (year == now.Year && month < now.Month))
        {
            return DomainError.Invalid("card.expiry", "The card has expired.");
        }

        if (cvc is null || cvc.Length is < 3 or > 4 || !cvc.All(char.IsAsciiDigit))
        {
            return DomainError.Invalid("card.cvc", "The security code is 3 or 4 digits.");
        }

        var last4 = digits[^4..];
        return last4 switch
        {
            "4242" => new TestCardOutcome(true, last4, null),
            "0002" => new TestCardOutcome(false, last4, "The card was declined."),
            _ => new TestCardOutcome(false, last4, "The card was declined (unknown test card)."),
        };
    }

    private static bool TryParseExpiry(string? expiry, out int year, out int month)
    {
        year = 0;
        month = 0;
        var parts = (expiry ?? "").Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], out month) || !int.TryParse(parts[1], out year) || month is < 1 or > 12)
        {
            return false;
        }

        if (year < 100)
        {
            year += 2000;
        }

        return true;
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}

public sealed record TestCardOutcome(bool Approved, string Last4, string? DeclineReason);
