namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>
/// <c>Store:Carriers:Usps</c>: an app's consumer key and secret from developer.usps.com (rates and tracking need only
/// these) and, for labels, the business account's CRID, MID and EPS account that pays for them. <see cref="BaseUrl"/>
/// defaults to USPS's test environment (TEM); production is https://apis.usps.com/.
/// </summary>
public sealed class UspsOptions
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Customer Registration ID of the business account (labels).</summary>
    public string? Crid { get; set; }

    /// <summary>Mailer ID (labels); also used as the manifest MID.</summary>
    public string? Mid { get; set; }

    /// <summary>The Enterprise Payment System account labels are paid from; with it rates are the account's own prices.</summary>
    public string? AccountNumber { get; set; }

    /// <summary>RETAIL (counter prices) or COMMERCIAL (what an online account pays).</summary>
    public string PriceType { get; set; } = "COMMERCIAL";

    /// <summary>USPS prices by size as well as weight; the store knows only weights, so every parcel is this box (inches).</summary>
    public double BoxLength { get; set; } = 12;

    public double BoxWidth { get; set; } = 9;

    public double BoxHeight { get; set; } = 4;

    public Uri BaseUrl { get; set; } = new("https://apis-tem.usps.com/");

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public bool CanBuyLabels =>
        IsConfigured && !string.IsNullOrWhiteSpace(Crid) && !string.IsNullOrWhiteSpace(Mid) && !string.IsNullOrWhiteSpace(AccountNumber);
}
