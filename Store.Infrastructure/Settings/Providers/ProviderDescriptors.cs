namespace Store.Infrastructure.Settings.Providers;

/// <summary>
/// Every provider whose credentials may come from the settings page. Adding a carrier or gateway is one entry here
/// (its options class must already bind from the same keys); <see cref="Required"/> decides when it counts as configured.
/// </summary>
public static class ProviderDescriptors
{
    /// <summary>The owner's list of payment methods shown to shoppers, in order ("stripe,paypal"); empty: Store:Payments:Provider alone.</summary>
    public const string MethodsKey = "Payments:Methods";

    public static readonly ProviderDescriptor Stripe = new(
        "stripe",
        "Stripe",
        ProviderKind.Payment,
        [
            new("Payments:Stripe:SecretKey", "Secret key (sk_test_… or sk_live_…)", Secret: true),
            new("Payments:Stripe:WebhookSecret", "Webhook signing secret (whsec_…)", Secret: true, Hint: "Of an endpoint at /api/payments/stripe/webhook"),
            new("Payments:Stripe:ApiBase", "API base URL", Kind: ProviderFieldKind.Url),
        ],
        ["SecretKey", "WebhookSecret"]);

    public static readonly ProviderDescriptor PayPal = new(
        "paypal",
        "PayPal",
        ProviderKind.Payment,
        [
            new("Payments:PayPal:ClientId", "Client ID"),
            new("Payments:PayPal:ClientSecret", "Client secret", Secret: true),
            new("Payments:PayPal:WebhookId", "Webhook ID", Hint: "Of a webhook at /api/payments/paypal/webhook"),
            new("Payments:PayPal:ApiBase", "API base URL (sandbox: https://api-m.sandbox.paypal.com)", Kind: ProviderFieldKind.Url),
            new("Payments:PayPal:BrandName", "Brand name on PayPal's page (empty: the store's name)"),
        ],
        ["ClientId", "ClientSecret", "WebhookId"]);

    public static readonly ProviderDescriptor Square = new(
        "square",
        "Square",
        ProviderKind.Payment,
        [
            new("Payments:Square:AccessToken", "Access token", Secret: true),
            new("Payments:Square:LocationId", "Location ID"),
            new("Payments:Square:WebhookSignatureKey", "Webhook signature key", Secret: true),
            new("Payments:Square:WebhookUrl", "Webhook URL, exactly as entered at Square", Kind: ProviderFieldKind.Url, Hint: "https://<store>/api/payments/square/webhook"),
            new("Payments:Square:ApiBase", "API base URL (sandbox: https://connect.squareupsandbox.com)", Kind: ProviderFieldKind.Url),
        ],
        ["AccessToken", "LocationId", "WebhookSignatureKey", "WebhookUrl"]);

    public static readonly ProviderDescriptor Ups = new(
        "ups",
        "UPS",
        ProviderKind.Carrier,
        [
            new("Carriers:Ups:ClientId", "Client ID"),
            new("Carriers:Ups:ClientSecret", "Client secret", Secret: true),
            new("Carriers:Ups:AccountNumber", "Account (shipper) number"),
            new("Carriers:Ups:BaseUrl", "API base URL (production: https://onlinetools.ups.com/api/)", Kind: ProviderFieldKind.Url),
        ],
        ["ClientId", "ClientSecret", "AccountNumber"]);

    public static readonly ProviderDescriptor FedEx = new(
        "fedex",
        "FedEx",
        ProviderKind.Carrier,
        [
            new("Carriers:FedEx:ClientId", "API key"),
            new("Carriers:FedEx:ClientSecret", "Secret key", Secret: true),
            new("Carriers:FedEx:AccountNumber", "Account number"),
            new("Carriers:FedEx:PhoneNumber", "Shipper's phone number (labels)"),
            new("Carriers:FedEx:BaseUrl", "API base URL (production: https://apis.fedex.com/)", Kind: ProviderFieldKind.Url),
        ],
        ["ClientId", "ClientSecret", "AccountNumber"]);

    public static readonly ProviderDescriptor Usps = new(
        "usps",
        "USPS",
        ProviderKind.Carrier,
        [
            new("Carriers:Usps:ClientId", "Consumer key"),
            new("Carriers:Usps:ClientSecret", "Consumer secret", Secret: true),
            new("Carriers:Usps:Crid", "CRID (labels)"),
            new("Carriers:Usps:Mid", "MID (labels)"),
            new("Carriers:Usps:AccountNumber", "EPS account number (labels)"),
            new("Carriers:Usps:BaseUrl", "API base URL (production: https://apis.usps.com/)", Kind: ProviderFieldKind.Url),
        ],
        ["ClientId", "ClientSecret"]);

    public static readonly IReadOnlyList<ProviderDescriptor> All = [Stripe, PayPal, Square, Ups, FedEx, Usps];

    public static IEnumerable<ProviderDescriptor> Payments => All.Where(p => p.Kind == ProviderKind.Payment);

    public static ProviderDescriptor? Find(string code) => All.FirstOrDefault(p => p.Code == code);

    public static ProviderField? FindField(string key) => All.SelectMany(p => p.Fields).FirstOrDefault(f => f.Key == key);

    /// <summary>Every key the page may save: the providers' fields and the list of payment methods.</summary>
    public static bool IsKnown(string key) => key == MethodsKey || FindField(key) is not null;
}
