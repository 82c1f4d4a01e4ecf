using System.Globalization;

namespace Store.Domain.Shipping;

/// <summary>
/// A shipping method as staff type it. Amounts are minor units. <see cref="Brackets"/> is one row per line,
/// "up to = price" in grams (weight table) or minor units of the subtotal (price table): "1000 = 799".
/// </summary>
public sealed record ShippingMethodInput(
    string? Id,
    string? Carrier,
    string? Service,
    string? ZoneId,
    RateKind Kind,
    long FlatPriceMinor,
    string? Brackets,
    long? FreeOverMinor,
    int MinBusinessDays,
    int MaxBusinessDays)
{
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsSlug(Id))
        {
            errors[nameof(Id)] = ["An id of 1 to 50 lower-case letters, digits and dashes is required."];
        }

        if (string.IsNullOrWhiteSpace(Carrier) || Carrier.Trim().Length > 50)
        {
            errors[nameof(Carrier)] = ["A carrier of 1 to 50 characters is required."];
        }

        if (string.IsNullOrWhiteSpace(Service) || Service.Trim().Length > 100)
        {
            errors[nameof(Service)] = ["A service of 1 to 100 characters is required."];
        }

        if (string.IsNullOrWhiteSpace(ZoneId))
        {
            errors[nameof(ZoneId)] = ["Choose the zone this method delivers to."];
        }

        if (FlatPriceMinor < 0 || (Kind == RateKind.Flat && FlatPriceMinor > 1_000_000))
        {
            errors[nameof(FlatPriceMinor)] = ["A flat price is from 0 to 10,000.00."];
        }

        var brackets = ParseBrackets();
        if (Kind != RateKind.Flat && (brackets is null || brackets.Count == 0))
        {
            errors[nameof(Brackets)] = ["A table needs at least one row \"up to = price\", bounds rising, prices not negative (for example 1000 = 799)."];
        }
        else if (Kind == RateKind.Flat && brackets is null)
        {
            errors[nameof(Brackets)] = ["Leave the table empty for a flat rate, or fix its rows."];
        }

        if (FreeOverMinor is < 0)
        {
            errors[nameof(FreeOverMinor)] = ["A free-shipping threshold cannot be negative."];
        }

        if (MinBusinessDays < 0 || MaxBusinessDays < MinBusinessDays || MaxBusinessDays > 90)
        {
            errors[nameof(MaxBusinessDays)] = ["Delivery takes from a minimum to a maximum of business days, at most 90."];
        }

        return errors;
    }

    /// <summary>The table rows, or null when a row cannot be read or the bounds do not rise.</summary>
    public List<(long UpTo, long PriceMinor)>? ParseBrackets()
    {
        var rows = new List<(long UpTo, long PriceMinor)>();
        foreach (var line in (Brackets ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var upTo)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var price)
                || upTo <= 0
                || (rows.Count > 0 && upTo <= rows[^1].UpTo))
            {
                return null;
            }

            rows.Add((upTo, price));
        }

        return rows;
    }

    public static string FormatBrackets(IEnumerable<(long UpTo, long PriceMinor)> rows) =>
        string.Join("\n", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.UpTo} = {r.PriceMinor}")));

    internal static bool IsSlug(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 50 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
