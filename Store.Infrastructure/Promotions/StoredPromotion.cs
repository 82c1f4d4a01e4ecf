using System.Globalization;
using Store.Domain.Common;
using Store.Domain.Promotions;

namespace Store.Infrastructure.Promotions;

/// <summary>
/// A promotion as the owner configured it, plus what only the database can count: <see cref="Used"/>, the orders
/// that hold a redemption of it. <see cref="Used"/> is changed only by <see cref="PromotionRedemptions"/> with a
/// conditional UPDATE, never through this entity, so a usage limit holds however many checkouts run at once.
/// </summary>
public sealed class StoredPromotion
{
    private StoredPromotion()
    {
    }

    public StoredPromotion(string currency, DateTimeOffset now)
    {
        Currency = currency;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Upper-cased; null for an automatic promotion.</summary>
    public string? Code { get; private set; }
    public BenefitKind Kind { get; private set; }
    public decimal PercentOff { get; private set; }
    public long? AmountMinor { get; private set; }
    public string Currency { get; private set; } = "";
    public int BuyQuantity { get; private set; }
    public int GetQuantity { get; private set; }
    public long? MinimumSubtotalMinor { get; private set; }
    public DateTimeOffset? StartsAt { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public Stacking Stacking { get; private set; }
    public int Priority { get; private set; }
    public int[] ProductIds { get; private set; } = [];
    public int[] CategoryIds { get; private set; } = [];
    public int? UsageLimit { get; private set; }
    public int? PerCustomerLimit { get; private set; }
    public int Used { get; private set; }
    public bool IsEnabled { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public string Label => Code is null ? Name : $"{Code}: {Name}";

    public Promotion ToDomain() => new(
        Id.ToString(CultureInfo.InvariantCulture),
        Name,
        Kind,
        new PromotionTarget(ProductIds, CategoryIds),
        Code,
        new Percent(PercentOff),
        AmountMinor is { } amount ? new Money(amount, Currency) : null,
        BuyQuantity,
        GetQuantity,
        MinimumSubtotalMinor is { } minimum ? new Money(minimum, Currency) : null,
        StartsAt,
        EndsAt,
        Stacking,
        Priority);

    /// <summary>Takes the form's values when they make a sound promotion; otherwise returns what is wrong and changes nothing.</summary>
    public IReadOnlyList<string> Apply(PromotionInput input, DateTimeOffset now)
    {
        var problems = new List<string>();
        var products = ParseIds(input.ProductIds, "product", problems);
        var categories = ParseIds(input.CategoryIds, "category", problems);
        if (input.UsageLimit is < 1 || input.PerCustomerLimit is < 1)
        {
            problems.Add("A usage limit is at least 1; leave it blank for no limit.");
        }

        if (input.UsageLimit is { } limit && limit < Used)
        {
            problems.Add($"This promotion has already been used {Used} times; the limit cannot be lower.");
        }

        var code = string.IsNullOrWhiteSpace(input.Code) ? null : Domain.Cart.Cart.NormalizeCode(input.Code);
        var candidate = new Promotion(
            "new",
            input.Name.Trim(),
            input.Kind,
            new PromotionTarget(products, categories),
            code,
            new Percent(input.Percent),
            input.Amount is { } amount ? new Money(ToMinor(amount), Currency) : null,
            input.BuyQuantity,
            input.GetQuantity,
            input.MinimumSubtotal is { } minimum ? new Money(ToMinor(minimum), Currency) : null,
            Utc(input.StartsAt),
            Utc(input.EndsAt),
            input.Stacking,
            input.Priority);
        problems.AddRange(candidate.Problems());
        if (problems.Count > 0)
        {
            return problems;
        }

        Name = candidate.Name;
        Code = code;
        Kind = input.Kind;
        PercentOff = input.Kind is BenefitKind.PercentOff or BenefitKind.BuyXGetY ? input.Percent : 0m;
        AmountMinor = input.Kind == BenefitKind.AmountOff ? candidate.Amount?.Minor : null;
        BuyQuantity = input.Kind == BenefitKind.BuyXGetY ? input.BuyQuantity : 0;
        GetQuantity = input.Kind == BenefitKind.BuyXGetY ? input.GetQuantity : 0;
        MinimumSubtotalMinor = candidate.MinimumSubtotal?.Minor;
        StartsAt = candidate.StartsAt;
        EndsAt = candidate.EndsAt;
        Stacking = input.Stacking;
        Priority = input.Priority;
        ProductIds = [.. products];
        CategoryIds = [.. categories];
        UsageLimit = input.UsageLimit;
        PerCustomerLimit = input.PerCustomerLimit;
        IsEnabled = input.IsEnabled;
        UpdatedAt = now;
        return [];
    }

    public void SetEnabled(bool enabled, DateTimeOffset now)
    {
        IsEnabled = enabled;
        UpdatedAt = now;
    }

    public PromotionInput ToInput() => new()
    {
        Name = Name,
        Code = Code,
        Kind = Kind,
        Percent = PercentOff,
        Amount = AmountMinor is { } amount ? Currencies.ToMajor(amount, Currency) : null,
        BuyQuantity = BuyQuantity,
        GetQuantity = GetQuantity,
        MinimumSubtotal = MinimumSubtotalMinor is { } minimum ? Currencies.ToMajor(minimum, Currency) : null,
        StartsAt = StartsAt?.UtcDateTime,
        EndsAt = EndsAt?.UtcDateTime,
        Stacking = Stacking,
        Priority = Priority,
        ProductIds = string.Join(", ", ProductIds),
        CategoryIds = string.Join(", ", CategoryIds),
        UsageLimit = UsageLimit,
        PerCustomerLimit = PerCustomerLimit,
        IsEnabled = IsEnabled,
    };

    private long ToMinor(decimal major) => Currencies.ToMinor(major, Currency);

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private static List<int> ParseIds(string? text, string what, List<string> problems)
    {
        var ids = new List<int>();
        foreach (var part in (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                ids.Add(id);
            }
            else
            {
                problems.Add($"\"{part}\" is not a {what} id.");
            }
        }

        return [.. ids.Distinct()];
    }
}
