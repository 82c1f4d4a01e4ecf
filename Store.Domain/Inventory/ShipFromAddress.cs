using Store.Domain.Common;

namespace Store.Domain.Inventory;

/// <summary>Where a location ships from: the sender on its parcels. Country is an ISO 3166-1 alpha-2 code.</summary>
public sealed record ShipFromAddress(string Line1, string? Line2, string City, string? Region, string PostalCode, string Country)
{
    public static Result<ShipFromAddress> Create(string? line1, string? line2, string? city, string? region, string? postalCode, string? country)
    {
        var code = (country ?? "").Trim().ToUpperInvariant();
        if (string.IsNullOrWhiteSpace(line1) || string.IsNullOrWhiteSpace(city) || string.IsNullOrWhiteSpace(postalCode))
        {
            return DomainError.Invalid("address.incomplete", "Give the street, city and postal code.");
        }

        if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper))
        {
            return DomainError.Invalid("address.country", "The country is a two-letter code such as US or DE.");
        }

        if (new[] { line1, line2, city, region, postalCode }.Any(p => p?.Length > 200))
        {
            return DomainError.Invalid("address.length", "Each address line has at most 200 characters.");
        }

        return new ShipFromAddress(line1.Trim(), Blank(line2), city.Trim(), Blank(region)?.ToUpperInvariant(), postalCode.Trim(), code);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
