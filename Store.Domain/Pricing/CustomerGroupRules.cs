namespace Store.Domain.Pricing;

/// <summary>
/// What a customer group, a group price and a quantity tier may be. A group is a short word ("wholesale") kept in
/// lower case, so "Wholesale" on a customer and "wholesale" on a price are the same group.
/// </summary>
public static class CustomerGroupRules
{
    public const int MaxGroupLength = 40;

    /// <summary>The group as stored, or null for "no group" (empty input clears it).</summary>
    public static string? Normalize(string? group) =>
        string.IsNullOrWhiteSpace(group) ? null : group.Trim().ToLowerInvariant();

    /// <summary>Null when the group is acceptable (an empty one clears the customer's group), else the reason.</summary>
    public static string? ValidateGroup(string? group)
    {
        var name = Normalize(group);
        if (name is null)
        {
            return null;
        }

        if (name.Length > MaxGroupLength)
        {
            return $"A group name has at most {MaxGroupLength} characters.";
        }

        return name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? null
            : "A group name has only letters, digits and hyphens, such as \"wholesale\".";
    }

    /// <summary>Field errors of a group price form (<c>group</c>, <c>price</c>); a group price needs a group.</summary>
    public static IReadOnlyDictionary<string, string> ValidateGroupPrice(string? group, long? priceMinor)
    {
        var errors = new Dictionary<string, string>();
        if (Normalize(group) is null)
        {
            errors["group"] = "Name the customer group, such as \"wholesale\".";
        }
        else if (ValidateGroup(group) is { } invalid)
        {
            errors["group"] = invalid;
        }

        if (PriceError(priceMinor) is { } price)
        {
            errors["price"] = price;
        }

        return errors;
    }

    /// <summary>Field errors of a quantity tier form (<c>minQuantity</c>, <c>price</c>).</summary>
    public static IReadOnlyDictionary<string, string> ValidateTier(int? minQuantity, long? priceMinor)
    {
        var errors = new Dictionary<string, string>();
        if (minQuantity is not >= 2)
        {
            errors["minQuantity"] = "A tier starts at 2 units or more.";
        }

        if (PriceError(priceMinor) is { } price)
        {
            errors["price"] = price;
        }

        return errors;
    }

    private static string? PriceError(long? priceMinor) => priceMinor switch
    {
        null => "Give the unit price.",
        < 0 => "A price cannot be negative.",
        _ => null,
    };
}
