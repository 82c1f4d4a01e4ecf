using System.Collections.Concurrent;
using Store.Domain.Common;

namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>
/// The last answer and the last failure of each carrier on this instance, for the shipping settings page: a carrier
/// that fails is skipped at checkout without a word to the shopper, so the owner needs to see it somewhere.
/// </summary>
public sealed class CarrierHealth(IClock clock)
{
    private readonly ConcurrentDictionary<string, CarrierStatus> statuses = new(StringComparer.Ordinal);

    public void Succeeded(string carrier) =>
        statuses.AddOrUpdate(carrier, _ => new CarrierStatus(clock.UtcNow, null, null), (_, s) => s with { LastSuccessAt = clock.UtcNow });

    public void Failed(string carrier, string error) =>
        statuses.AddOrUpdate(carrier, _ => new CarrierStatus(null, clock.UtcNow, error), (_, s) => s with { LastErrorAt = clock.UtcNow, LastError = error });

    public CarrierStatus StatusOf(string carrier) => statuses.TryGetValue(carrier, out var status) ? status : new CarrierStatus(null, null, null);
}
