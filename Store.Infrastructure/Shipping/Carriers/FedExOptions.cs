namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>
/// <c>Store:Carriers:FedEx</c>: a project's API key and secret key from developer.fedex.com, the FedEx account number
/// rates are asked for and labels billed to, and the shipper's phone number (FedEx Ship requires one for both
/// parties). <see cref="BaseUrl"/> defaults to the sandbox; production is https://apis.fedex.com/.
/// </summary>
public sealed class FedExOptions
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? AccountNumber { get; set; }

    public string? PhoneNumber { get; set; }

    public Uri BaseUrl { get; set; } = new("https://apis-sandbox.fedex.com/");

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(AccountNumber);
}
