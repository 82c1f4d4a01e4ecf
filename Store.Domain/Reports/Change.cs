namespace Store.Domain.Reports;

/// <summary>A figure for a period next to the same figure for the period before.</summary>
public readonly record struct Change(decimal Current, decimal Previous)
{
    /// <summary>The change in percent of the previous figure; null when there was nothing before to compare with.</summary>
    public decimal? Percent => Previous == 0 ? null : Math.Round((Current - Previous) * 100m / Math.Abs(Previous), 1, MidpointRounding.ToEven);
}
