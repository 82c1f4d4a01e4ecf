using Store.Domain.Promotions;

namespace Store.Infrastructure.Promotions;

/// <summary>
/// The admin form for a promotion. Amounts are in major units as typed ("10.00"); a blank code makes the promotion
/// automatic; blank limits mean unlimited. Product and category ids are comma-separated; both blank means the whole order.
/// </summary>
public sealed class PromotionInput
{
    public string Name { get; set; } = "";
    public string? Code { get; set; }
    public BenefitKind Kind { get; set; } = BenefitKind.PercentOff;
    public decimal Percent { get; set; }
    public decimal? Amount { get; set; }
    public int BuyQuantity { get; set; }
    public int GetQuantity { get; set; }
    public decimal? MinimumSubtotal { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public Stacking Stacking { get; set; } = Stacking.Stackable;
    public int Priority { get; set; }
    public string? ProductIds { get; set; }
    public string? CategoryIds { get; set; }
    public int? UsageLimit { get; set; }
    public int? PerCustomerLimit { get; set; }
    public bool IsEnabled { get; set; } = true;
}
