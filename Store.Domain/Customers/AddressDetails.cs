using Store.Domain.Ordering;

namespace Store.Domain.Customers;

/// <summary>An address as a customer types it into the address book, with the same limits checkout applies.</summary>
public sealed record AddressDetails(string? Name, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country, string? Phone = null)
{
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        // Checkout's own rules, so every saved address can be used at checkout as it is; the email is not part of an address.
        var errors = new Dictionary<string, string[]>(
            new CheckoutDetails("saved@address.invalid", Name, Line1, Line2, City, Region, PostalCode, Country).Validate());
        if (Phone is { Length: > 0 } phone && (phone.Trim().Length > 40 || !phone.Trim().All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.')))
        {
            errors[nameof(Phone)] = ["Phone is at most 40 digits, spaces and + - ( ) ."];
        }

        return errors;
    }

    public ShippingAddress ToAddress() =>
        new CheckoutDetails("saved@address.invalid", Name, Line1, Line2, City, Region, PostalCode, Country).ToAddress();

    public string? NormalizedPhone => string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim();
}
