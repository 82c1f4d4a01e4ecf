namespace Store.Infrastructure.Promotions;

/// <summary>
/// One order's use of one promotion, with what it took off (lines and shipping together). This is also how an order
/// keeps the promotions applied to it. <see cref="ReleasedAt"/> is set when the order is cancelled unpaid: the use
/// no longer counts towards the limits, but the row stays as history.
/// </summary>
public sealed class PromotionRedemption
{
    private PromotionRedemption()
    {
    }

    public PromotionRedemption(int promotionId, Guid orderId, string? customerId, string email, string? code, string label, long amountMinor, string currency, DateTimeOffset now)
    {
        PromotionId = promotionId;
        OrderId = orderId;
        CustomerId = customerId;
        Email = email.Trim().ToLowerInvariant();
        Code = code;
        Label = label;
        AmountMinor = amountMinor;
        Currency = currency;
        RedeemedAt = now;
    }

    public long Id { get; private set; }
    public int PromotionId { get; private set; }
    public Guid OrderId { get; private set; }
    public string? CustomerId { get; private set; }

    /// <summary>Lower-cased, so the per-customer limit counts a guest's uses by address.</summary>
    public string Email { get; private set; } = "";
    public string? Code { get; private set; }
    public string Label { get; private set; } = "";
    public long AmountMinor { get; private set; }
    public string Currency { get; private set; } = "";
    public DateTimeOffset RedeemedAt { get; private set; }
    public DateTimeOffset? ReleasedAt { get; private set; }
}
