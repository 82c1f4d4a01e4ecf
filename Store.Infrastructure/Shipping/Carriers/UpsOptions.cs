namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>
/// <c>Store:Carriers:Ups</c>: an app's client id and secret from developer.ups.com and the shipper (account) number.
/// <see cref="BaseUrl"/> defaults to UPS's test environment (CIE); production is https://onlinetools.ups.com/api/.
/// </summary>
public sealed class UpsOptions
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? AccountNumber { get; set; }

    public Uri BaseUrl { get; set; } = new("https://wwwcie.ups.com/api/");

    /// <summary>"GIF" (the default: kept as a 4 × 6 PDF for any printer) or "ZPL" (kept as is, for thermal printers).</summary>
    public string LabelFormat { get; set; } = "GIF";

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(AccountNumber);
}
