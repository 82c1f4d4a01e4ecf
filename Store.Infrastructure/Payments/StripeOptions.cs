namespace Store.Infrastructure.Payments;

/// <summary>Store:Payments:Stripe. Setting SecretKey makes Stripe available (for its payments and refunds) even when it is not the current provider.</summary>
public sealed class StripeOptions
{
    public string? SecretKey { get; set; }

    /// <summary>The signing secret of the webhook endpoint (whsec_…), which points at /api/payments/stripe/webhook.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API by default; the tests point it at a local stand-in.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";

    /// <summary>Capture as soon as the card is authorised (default); false leaves the money held until staff capture it.</summary>
    public bool CaptureOnPayment { get; set; } = true;

    /// <summary>How long Stripe's hosted page stays open. Stripe accepts 30 minutes to 24 hours.</summary>
    public int CheckoutMinutes { get; set; } = 30;
}
