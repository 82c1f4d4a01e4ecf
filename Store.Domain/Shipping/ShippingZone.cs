using Store.Domain.Common;

namespace Store.Domain.Shipping;

/// <summary>Where a set of methods delivers: any of its areas ("US lower 48", "EU").</summary>
public sealed record ShippingZone(string Id, string Name, IReadOnlyList<GeoArea> Areas)
{
    public bool Contains(string country, string? region, string? postalCode) => Areas.Any(a => a.Contains(country, region, postalCode));
}
