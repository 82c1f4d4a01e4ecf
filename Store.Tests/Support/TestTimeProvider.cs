namespace Store.Tests.Support;

/// <summary>
/// The framework's clock (bearer token expiry, refresh checks) moved by hand: real time plus an offset, so timers and
/// stopwatches still run while a test jumps past a token's lifetime.
/// </summary>
public sealed class TestTimeProvider : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
