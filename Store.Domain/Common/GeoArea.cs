namespace Store.Domain.Common;

/// <summary>
/// A place a rule applies to: a country, optionally narrowed to a region (state) and a postal-code prefix. Used by
/// tax and shipping zones alike, so "which zone is this address in" is answered one way.
/// </summary>
public sealed record GeoArea(string Country, string? Region = null, string? PostalPrefix = null)
{
    public bool Contains(string country, string? region, string? postalCode) =>
        string.Equals(Country, country?.Trim(), StringComparison.OrdinalIgnoreCase)
        && (Region is null || string.Equals(Region, region?.Trim(), StringComparison.OrdinalIgnoreCase))
        && (PostalPrefix is null || (postalCode ?? "").Replace(" ", "", StringComparison.Ordinal).StartsWith(PostalPrefix.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

    /// <summary>Higher is more specific: a postal prefix beats a region, which beats a whole country; longer prefixes beat shorter.</summary>
    public int Specificity => (PostalPrefix is null ? 0 : 1000 + PostalPrefix.Length) + (Region is null ? 0 : 100);
}
