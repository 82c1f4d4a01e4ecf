namespace Store.Infrastructure.Payments.Square;

/// <summary>Store:Payments:Square. Setting AccessToken and LocationId makes Square available (for its payments and refunds) even when it is not the current provider.</summary>
public sealed class SquareOptions
{
    /// <summary>The application's access token (Developer Console, Credentials); sandbox tokens work against the sandbox base.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The Square location that takes the store's payments (Developer Console, Locations).</summary>
    public string? LocationId { get; set; }

    /// <summary>The signature key of the webhook subscription that points at /api/payments/square/webhook.</summary>
    public string? WebhookSignatureKey { get; set; }

    /// <summary>
    /// The notification URL exactly as entered in the subscription: Square signs it together with the body, and the
    /// store cannot rebuild it from the request behind a proxy.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Square's live API by default; https://connect.squareupsandbox.com for the sandbox; the tests point it at a local stand-in.</summary>
    public string ApiBase { get; set; } = "https://connect.squareup.com";

    /// <summary>The Square-Version header: the API version the generated client's description was cut from.</summary>
    public string ApiVersion { get; set; } = "2025-08-20";

    /// <summary>How long the store holds the order's stock for the shopper to pay on Square's page.</summary>
    public int CheckoutMinutes { get; set; } = 30;

    public int TimeoutSeconds { get; set; } = 20;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccessToken) && !string.IsNullOrWhiteSpace(LocationId);
}
