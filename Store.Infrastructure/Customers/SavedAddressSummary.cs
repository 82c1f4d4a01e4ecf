using Store.Domain.Customers;

namespace Store.Infrastructure.Customers;

public sealed record SavedAddressSummary(
    Guid Id,
    string Name,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone,
    bool IsDefault)
{
    public static SavedAddressSummary From(SavedAddress a) =>
        new(a.Id, a.Address.Name, a.Address.Line1, a.Address.Line2, a.Address.City, a.Address.Region, a.Address.PostalCode, a.Address.Country, a.Phone, a.IsDefault);

    public AddressDetails ToDetails() => new(Name, Line1, Line2, City, Region, PostalCode, Country, Phone);

    /// <summary>One line for lists and pickers.</summary>
    public string OneLine => string.Join(", ", new[] { Name, Line1, Line2, City, Region, PostalCode, Country }.Where(p => !string.IsNullOrWhiteSpace(p)));
}
