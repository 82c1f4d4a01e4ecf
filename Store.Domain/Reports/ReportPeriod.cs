using Store.Domain.Common;

namespace Store.Domain.Reports;

/// <summary>The preset periods of the dashboard; <see cref="Custom"/> takes its own days.</summary>
public enum PeriodPreset
{
    Today,
    Last7Days,
    Last30Days,
    Last90Days,
    Custom,
}

/// <summary>
/// Whole days, first and last included, in the store's reporting day (UTC). Compared with the period of the same
/// length just before it, so "last 7 days" is measured against the 7 days before those.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>A year and a day: enough for any comparison staff make, small enough to stay a fast query.</summary>
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public ReportPeriod Previous => new(From.AddDays(-Days), From.AddDays(-1));

    public static ReportPeriod For(PeriodPreset preset, DateOnly today) => preset switch
    {
        PeriodPreset.Today => new(today, today),
        PeriodPreset.Last7Days => new(today.AddDays(-6), today),
        PeriodPreset.Last30Days => new(today.AddDays(-29), today),
        PeriodPreset.Last90Days => new(today.AddDays(-89), today),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "A custom period needs its days: use Custom()."),
    };

    public static Result<ReportPeriod> Custom(DateOnly? from, DateOnly? to, DateOnly today)
    {
        if (from is not { } first || to is not { } last)
        {
            return DomainError.Invalid("period.missing", "Choose both the first and the last day.");
        }

        if (last < first)
        {
            return DomainError.Invalid("period.order", "The last day comes before the first.");
        }

        if (first > today)
        {
            return DomainError.Invalid("period.future", "The period starts in the future.");
        }

        var period = new ReportPeriod(first, last > today ? today : last);
        return period.Days > MaxDays
            ? DomainError.Invalid("period.length", $"A period is at most {MaxDays} days.")
            : period;
    }
}
