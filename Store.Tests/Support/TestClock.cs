using Store.Domain.Common;

namespace Store.Tests.Support;

/// <summary>A clock the test moves by hand, for backoffs and expiries measured in minutes.</summary>
public sealed class TestClock(DateTimeOffset start) : IClock
{
    // Whole seconds: PostgreSQL keeps microseconds, so a time with ticks would not read back equal.
    public TestClock()
        : this(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
    {
    }

    public DateTimeOffset UtcNow { get; private set; } = start;

    public void Advance(TimeSpan by) => UtcNow += by;

    public void Set(DateTimeOffset to) => UtcNow = to;
}
