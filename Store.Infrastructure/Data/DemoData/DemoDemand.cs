namespace Store.Infrastructure.Data.DemoData;

/// <summary>
/// How busy the demo store was: about 15 orders a day, weekdays busier than weekends, growing over the period, and
/// most orders in the late morning and the evening (UTC, the store's customers being mostly American).
/// </summary>
public static class DemoDemand
{
    private static readonly double[] WeekdayFactor =
    [
        0.62, // Sunday
        1.18, // Monday
        1.14,
        1.12,
        1.10,
        1.02, // Friday
        0.66, // Saturday
    ];

    /// <summary>Relative weight of each UTC hour: quiet nights, a lunchtime rise and an evening peak (US time zones).</summary>
    private static readonly double[] HourWeight =
    [
        3.0, 2.6, 2.0, 1.4, 0.9, 0.5, 0.3, 0.3, 0.4, 0.6, 0.9, 1.2,
        1.6, 2.2, 2.8, 3.2, 3.4, 3.3, 3.1, 3.0, 3.2, 3.6, 3.8, 3.5,
    ];

    private static readonly double HourTotal = HourWeight.Sum();

    /// <summary>Expected orders on a day, <paramref name="dayIndex"/> days after the start of <paramref name="days"/>.</summary>
    public static double ExpectedOrders(DateOnly day, int dayIndex, int days, double ordersPerDay)
    {
        // Growth from 75 % to 125 % of the average over the period: the shop is getting known.
        var growth = 0.75 + (0.5 * dayIndex / Math.Max(1, days - 1));
        return ordersPerDay * growth * WeekdayFactor[(int)day.DayOfWeek];
    }

    /// <summary>A random count around <paramref name="expected"/> (Poisson, by Knuth's method; the means here are small).</summary>
    public static int Draw(Random random, double expected)
    {
        var limit = Math.Exp(-expected);
        var count = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    /// <summary>A time of day for an order, following the hourly weights, to the second.</summary>
    public static TimeSpan TimeOfDay(Random random)
    {
        var pick = random.NextDouble() * HourTotal;
        var hour = 0;
        while (hour < 23 && pick > HourWeight[hour])
        {
            pick -= HourWeight[hour];
            hour++;
        }

        return TimeSpan.FromHours(hour) + TimeSpan.FromSeconds(random.Next(3600));
    }
}
