using System.Globalization;

namespace Store.Infrastructure.Search;

/// <summary>A price range in whole currency units, lower bound included, upper excluded ("25-50", "200-").</summary>
public sealed record PriceBand(int? Min, int? Max)
{
    public static readonly IReadOnlyList<PriceBand> Standard = [new(null, 25), new(25, 50), new(50, 100), new(100, 200), new(200, null)];

    public long? MinMinor => Min * 100L;
    public long? MaxMinor => Max * 100L;

    public string Key => $"{Min?.ToString(CultureInfo.InvariantCulture)}-{Max?.ToString(CultureInfo.InvariantCulture)}";

    public string Label => (Min, Max) switch
    {
        (null, { } max) => $"Under ${max}",
        ({ } min, null) => $"${min} and over",
        _ => $"${Min} to ${Max}",
    };

    public static PriceBand? Parse(string? value)
    {
        var parts = value?.Split('-');
        if (parts is not { Length: 2 } || (parts[0].Length == 0 && parts[1].Length == 0))
        {
            return null;
        }

        int? min = null, max = null;
        if (parts[0].Length > 0)
        {
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m > 10_000_000)
            {
                return null;
            }

            min = m == 0 ? null : m;
        }

        if (parts[1].Length > 0)
        {
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m > 10_000_000)
            {
                return null;
            }

            max = m;
        }

        return min >= max ? null : new PriceBand(min, max);
    }
}
