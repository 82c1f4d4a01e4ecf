namespace Store.Infrastructure.Shipping.Carriers;

public sealed record CarrierStatus(DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError);
