using Store.Infrastructure.Payments.PayPal;
using Store.Infrastructure.Payments.Square;

namespace Store.Infrastructure.Payments;

/// <summary>Store:Payments — which provider takes new payments. Each payment keeps the provider that took it.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Store:Payments";

    /// <summary>"test" (the built-in provider, default), "stripe", "paypal" or "square".</summary>
    public string Provider { get; set; } = TestPaymentGateway.Name;

    public StripeOptions Stripe { get; set; } = new();

    public PayPalOptions PayPal { get; set; } = new();

    public SquareOptions Square { get; set; } = new();
}
