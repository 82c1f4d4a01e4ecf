using Store.Domain.Customers;
using Store.Infrastructure.Customers;

namespace Store.Web.Account;

/// <summary>The address book's form fields; checked by <see cref="AddressDetails.Validate"/>, checkout's own rules.</summary>
public sealed class AddressInput
{
    public string? Name { get; set; }
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? Region { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public string? Phone { get; set; }
    public bool IsDefault { get; set; }

    public AddressDetails ToDetails() => new(Name, Line1, Line2, City, Region, PostalCode, Country, Phone);

    public static AddressInput From(SavedAddressSummary a) => new()
    {
        Name = a.Name,
        Line1 = a.Line1,
        Line2 = a.Line2,
        City = a.City,
        Region = a.Region,
        PostalCode = a.PostalCode,
        Country = a.Country,
        Phone = a.Phone,
        IsDefault = a.IsDefault,
    };
}
