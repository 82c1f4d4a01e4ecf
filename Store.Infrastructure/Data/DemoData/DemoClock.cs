using Store.Domain.Common;

namespace Store.Infrastructure.Data.DemoData;

/// <summary>
/// The time the demo history is written at: the seeding moves it forward step by step, so every order, payment, ledger
/// line and audit entry carries the moment it happened in the store's past, not the moment it was seeded.
/// </summary>
public sealed class DemoClock(DateTimeOffset start) : IClock
{
    public DateTimeOffset UtcNow { get; set; } = start;
}
