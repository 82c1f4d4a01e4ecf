namespace Store.Infrastructure.Payments.PayPal;

/// <summary>Store:Payments:PayPal. Setting ClientId and ClientSecret makes PayPal available (for its payments and refunds) even when it is not the current provider.</summary>
public sealed class PayPalOptions
{
    /// <summary>The REST app's client id (developer dashboard, Apps &amp; Credentials).</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The id PayPal gave the webhook that points at /api/payments/paypal/webhook; signatures are checked against it.</summary>
    public string? WebhookId { get; set; }

    /// <summary>PayPal's live API by default; https://api-m.sandbox.paypal.com for the sandbox; the tests point it at a local stand-in.</summary>
    public string ApiBase { get; set; } = "https://api-m.paypal.com";

    /// <summary>The name PayPal shows the buyer on its approval page; the store's name when empty.</summary>
    public string? BrandName { get; set; }

    /// <summary>How long the store holds the order's stock for the buyer to approve on PayPal's page.</summary>
    public int ApprovalMinutes { get; set; } = 30;

    /// <summary>A call PayPal has not answered by then counts as unavailable; the caller changes nothing and retries later with the same PayPal-Request-Id.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
