namespace Store.Domain.Shipping;

/// <summary>How long delivery takes, in business days after dispatch ("3–5 business days").</summary>
public sealed record DeliveryEstimate(int MinBusinessDays, int MaxBusinessDays)
{
    public override string ToString() => MinBusinessDays == MaxBusinessDays ? $"{MinBusinessDays} business days" : $"{MinBusinessDays}–{MaxBusinessDays} business days";
}
