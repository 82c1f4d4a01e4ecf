using Store.Domain.Common;

namespace Store.Domain.Shipping;

/// <summary>
/// A shipping zone as staff type it: an id, a name and one area per line, each "US", "US/CA" (a state) or
/// "US/ME/04" (a postal prefix within a state) or "US//9" (a postal prefix in any state).
/// </summary>
public sealed record ShippingZoneInput(string? Id, string? Name, string? Areas)
{
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!ShippingMethodInput.IsSlug(Id))
        {
            errors[nameof(Id)] = ["An id of 1 to 50 lower-case letters, digits and dashes is required."];
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            errors[nameof(Name)] = ["A name of 1 to 100 characters is required."];
        }

        var areas = ParseAreas();
        if (areas is null)
        {
            errors[nameof(Areas)] = ["One area per line: a two-letter country, then optionally /region and /postal prefix (US, US/CA, US/ME/04)."];
        }

        return errors;
    }

    /// <summary>The areas, or null when a line cannot be read.</summary>
    public List<GeoArea>? ParseAreas()
    {
        var lines = (Areas ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return null;
        }

        var areas = new List<GeoArea>();
        foreach (var line in lines)
        {
            var parts = line.Split('/', StringSplitOptions.TrimEntries);
            if (parts.Length > 3 || parts[0].Length != 2 || !parts[0].All(char.IsAsciiLetter) || parts.Skip(1).Any(p => p.Length > 20))
            {
                return null;
            }

            areas.Add(new GeoArea(
                parts[0].ToUpperInvariant(),
                parts.Length > 1 && parts[1].Length > 0 ? parts[1].ToUpperInvariant() : null,
                parts.Length > 2 && parts[2].Length > 0 ? parts[2].ToUpperInvariant() : null));
        }

        return areas;
    }

    public static string FormatAreas(IEnumerable<GeoArea> areas) =>
        string.Join("\n", areas.Select(a => a.PostalPrefix is not null ? $"{a.Country}/{a.Region}/{a.PostalPrefix}" : a.Region is not null ? $"{a.Country}/{a.Region}" : a.Country));
}
