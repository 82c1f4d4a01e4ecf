using Store.Domain.Ordering;

namespace Store.Domain.Checkout;

/// <summary>The part of an address that tax and shipping depend on; the cart can estimate with just this.</summary>
public sealed record Destination(string Country, string? Region, string? PostalCode)
{
    public static Destination From(ShippingAddress address) => new(address.Country, address.Region, address.PostalCode);
}
