namespace Store.Infrastructure.Common;

public sealed class ShopAddressOptions
{
    /// <summary>The seller's name; empty: the store's name.</summary>
    public string Name { get; set; } = "";
    public string Line1 { get; set; } = "200 Commerce Street";
    public string? Line2 { get; set; } = "Warehouse 3";
    public string City { get; set; } = "Portland";
    public string? Region { get; set; } = "OR";
    public string PostalCode { get; set; } = "97204";
    public string Country { get; set; } = "US";
    /// <summary>Empty: the store's contact email.</summary>
    public string Email { get; set; } = "";

    /// <summary>VAT or sales tax registration shown on invoices; left off when empty.</summary>
    public string? TaxId { get; set; }

    public IEnumerable<string> Lines()
    {
        yield return Name;
        yield return Line1;
        if (!string.IsNullOrWhiteSpace(Line2))
        {
            yield return Line2;
        }

        yield return string.Join(" ", new[] { City, Region, PostalCode }.Where(p => !string.IsNullOrWhiteSpace(p)));
        yield return Country;
    }
}

public sealed class AdminAccountOptions
{
    public string Email { get; set; } = "admin@store.local";

    /// <summary>When empty, a password is generated on first start and printed once.</summary>
    public string? Password { get; set; }
}
