namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>An address as a carrier takes it; a rate needs only the country, region and postal code.</summary>
public sealed record CarrierAddress(string Country, string? Region, string? PostalCode, string? City = null, string? Line1 = null, string? Name = null);
