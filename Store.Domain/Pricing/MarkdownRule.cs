using Store.Domain.Common;

namespace Store.Domain.Pricing;

/// <summary>
/// A dynamic pricing rule an owner configures as data, not code: mark down slow movers by <see cref="Off"/> while
/// stock is above <see cref="StockAbove"/> and nothing sold for <see cref="DaysWithoutSale"/> days. The rule is
/// evaluated against current stock each time a price is resolved, so the markdown ends by itself once stock falls
/// to the threshold. Null product/category means every variant.
/// </summary>
public sealed record MarkdownRule(string Name, Percent Off, int StockAbove, int DaysWithoutSale, int? ProductId = null, int? CategoryId = null)
{
    public bool AppliesTo(PriceRequest request, DateTimeOffset now) =>
        (ProductId is null || ProductId == request.ProductId)
        && (CategoryId is null || CategoryId == request.CategoryId)
        && request.Stock > StockAbove
        && (request.LastSoldAt is null || now - request.LastSoldAt.Value >= TimeSpan.FromDays(DaysWithoutSale));

    /// <summary>Whether the markdown job should start this rule's markdown on a variant not marked down yet.</summary>
    public bool ShouldStart(int stock, DateTimeOffset? lastSoldAt, DateTimeOffset now) =>
        stock > StockAbove && (lastSoldAt is null || now - lastSoldAt.Value >= TimeSpan.FromDays(DaysWithoutSale));

    /// <summary>
    /// Whether a started markdown stays. Only falling stock ends it: the sales the markdown brings in must not end it
    /// after the first one, which a "no sale in D days" test would.
    /// </summary>
    public bool ShouldHold(int stock) => stock > StockAbove;

    /// <summary>What is wrong with a rule as an owner typed it, by field; empty when it can be saved.</summary>
    public static IReadOnlyDictionary<string, string> Validate(string? name, decimal percentOff, int stockAbove, int daysWithoutSale)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = "Give the rule a name shoppers can read, such as \"Clearance\".";
        }
        else if (name.Trim().Length > 60)
        {
            errors["name"] = "The name can have at most 60 characters.";
        }

        if (percentOff is <= 0 or >= 100)
        {
            errors["percentOff"] = "The markdown must be more than 0 % and less than 100 %.";
        }

        if (stockAbove < 0)
        {
            errors["stockAbove"] = "The stock threshold cannot be negative.";
        }

        if (daysWithoutSale is < 0 or > 3650)
        {
            errors["daysWithoutSale"] = "Days without a sale must be between 0 and 3650.";
        }

        return errors;
    }
}
