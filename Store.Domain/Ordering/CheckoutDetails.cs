using System.Net.Mail;

namespace Store.Domain.Ordering;

/// <summary>What a shopper types at checkout, with the rules it must meet before an order is placed.</summary>
public sealed record CheckoutDetails(string? Email, string? Name, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country)
{
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Require(string field, string? value, int max, string label)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = [$"{label} is required."];
            }
            else if (value.Trim().Length > max)
            {
                errors[field] = [$"{label} is at most {max} characters."];
            }
        }

        Require(nameof(Email), Email, 256, "Email");
        if (!errors.ContainsKey(nameof(Email)) && !IsEmail(Email!))
        {
            errors[nameof(Email)] = ["Enter a valid email address."];
        }

        Require(nameof(Name), Name, 100, "Name");
        Require(nameof(Line1), Line1, 200, "Address");
        Require(nameof(City), City, 100, "City");
        Require(nameof(PostalCode), PostalCode, 20, "Postal code");
        Require(nameof(Country), Country, 2, "Country");
        if (!errors.ContainsKey(nameof(Country)) && (Country!.Trim().Length != 2 || !Country.Trim().All(char.IsAsciiLetter)))
        {
            errors[nameof(Country)] = ["Country is a two-letter code such as US or DE."];
        }

        if (Line2?.Length > 200)
        {
            errors[nameof(Line2)] = ["Address line 2 is at most 200 characters."];
        }

        if (Region?.Length > 100)
        {
            errors[nameof(Region)] = ["Region is at most 100 characters."];
        }

        return errors;
    }

    public ShippingAddress ToAddress() => new(
        Name!.Trim(),
        Line1!.Trim(),
        string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim(),
        City!.Trim(),
        string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(),
        PostalCode!.Trim(),
        Country!.Trim().ToUpperInvariant());

    private static bool IsEmail(string value)
    {
        var trimmed = value.Trim();
        return MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && trimmed.Contains('.', StringComparison.Ordinal);
    }
}
