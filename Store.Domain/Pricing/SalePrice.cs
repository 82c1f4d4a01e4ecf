namespace Store.Domain.Pricing;

/// <summary>A sale on one variant for a window of time; start inclusive, end exclusive, either may be open.</summary>
public sealed record SalePrice(int VariantId, PriceAdjustment Adjustment, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string Label = "Sale")
{
    public bool IsActiveAt(DateTimeOffset now) => (StartsAt is null || now >= StartsAt) && (EndsAt is null || now < EndsAt);

    /// <summary>What is wrong with a sale as an owner typed it, by field; empty when it can be saved.</summary>
    public static IReadOnlyDictionary<string, string> Validate(string? label, decimal? percentOff, long? fixedPriceMinor, DateTimeOffset? startsAt, DateTimeOffset? endsAt)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(label))
        {
            errors["label"] = "Give the sale a label shoppers can read, such as \"Sale\".";
        }
        else if (label.Trim().Length > 40)
        {
            errors["label"] = "The label can have at most 40 characters.";
        }

        if (percentOff is null == fixedPriceMinor is null)
        {
            errors["percentOff"] = "Give either a percentage off or a fixed sale price, not both.";
        }
        else if (percentOff is <= 0 or >= 100)
        {
            errors["percentOff"] = "The percentage must be more than 0 and less than 100.";
        }
        else if (fixedPriceMinor < 0)
        {
            errors["fixedPrice"] = "A sale price cannot be negative.";
        }

        if (startsAt is not null && endsAt is not null && endsAt <= startsAt)
        {
            errors["endsAt"] = "The sale must end after it starts.";
        }

        return errors;
    }
}
