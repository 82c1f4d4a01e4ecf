using Store.Domain.Common;
using Store.Domain.Shipping;

namespace Store.Infrastructure.Shipping;

/// <summary>Where a set of methods delivers. The areas are a short list always read whole, so they live in one jsonb column.</summary>
public sealed class StoredShippingZone
{
    private StoredShippingZone()
    {
    }

    public StoredShippingZone(string id, string name, List<GeoArea> areas)
    {
        Id = id;
        Name = name;
        Areas = areas;
    }

    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public List<GeoArea> Areas { get; private set; } = [];

    public void Update(string name, List<GeoArea> areas)
    {
        Name = name;
        Areas = areas;
    }

    public ShippingZone ToDomain() => new(Id, Name, Areas);
}
