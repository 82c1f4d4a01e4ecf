using Store.Domain.Common;
using Store.Domain.Shipping;

namespace Store.Infrastructure.Shipping;

/// <summary>A carrier service offered in one zone; its rate table sits in a jsonb column because it is always read whole.</summary>
public sealed class StoredShippingMethod
{
    private StoredShippingMethod()
    {
    }

    public StoredShippingMethod(string id, string carrier, string service, string zoneId, RateKind kind, string currency, long flatPriceMinor, List<StoredRateBracket> brackets, long? freeOverMinor, int minDays, int maxDays)
    {
        Id = id;
        Carrier = carrier;
        Service = service;
        ZoneId = zoneId;
        Kind = kind;
        Currency = currency;
        FlatPriceMinor = flatPriceMinor;
        Brackets = brackets;
        FreeOverMinor = freeOverMinor;
        MinBusinessDays = minDays;
        MaxBusinessDays = maxDays;
    }

    public string Id { get; private set; } = "";
    public string Carrier { get; private set; } = "";
    public string Service { get; private set; } = "";
    public string ZoneId { get; private set; } = "";
    public RateKind Kind { get; private set; }
    public string Currency { get; private set; } = "";
    public long FlatPriceMinor { get; private set; }
    public List<StoredRateBracket> Brackets { get; private set; } = [];
    public long? FreeOverMinor { get; private set; }
    public int MinBusinessDays { get; private set; }
    public int MaxBusinessDays { get; private set; }

    /// <summary>Takes the values of a validated admin form; the id and currency stay.</summary>
    public void Update(ShippingMethodInput input)
    {
        Carrier = input.Carrier!.Trim();
        Service = input.Service!.Trim();
        ZoneId = input.ZoneId!;
        Kind = input.Kind;
        FlatPriceMinor = input.FlatPriceMinor;
        Brackets = [.. input.ParseBrackets()!.Select(b => new StoredRateBracket(b.UpTo, b.PriceMinor))];
        FreeOverMinor = input.FreeOverMinor;
        MinBusinessDays = input.MinBusinessDays;
        MaxBusinessDays = input.MaxBusinessDays;
    }

    public ShippingMethod ToDomain() => new(
        Id,
        Carrier,
        Service,
        ZoneId,
        Kind,
        new Money(FlatPriceMinor, Currency),
        Brackets.Select(b => new RateBracket(b.UpTo, new Money(b.PriceMinor, Currency))).ToList(),
        FreeOverMinor is { } free ? new Money(free, Currency) : null,
        new DeliveryEstimate(MinBusinessDays, MaxBusinessDays));
}
