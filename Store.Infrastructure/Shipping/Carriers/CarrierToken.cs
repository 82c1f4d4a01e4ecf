namespace Store.Infrastructure.Shipping.Carriers;

public sealed record CarrierToken(string Value, DateTimeOffset ExpiresAt);
