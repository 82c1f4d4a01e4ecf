namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>One service's price in minor units of <see cref="Currency"/>, with transit days when the carrier gives them.</summary>
public sealed record CarrierRate(string ServiceCode, string ServiceName, long PriceMinor, string Currency, int? BusinessDays);
