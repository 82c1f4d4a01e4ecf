using Store.Infrastructure.Payments.PayPal;
using Store.Infrastructure.Payments.Square;

namespace Store.Infrastructure.Payments;

/// <summary>Store:Payments — which provider takes new payments. Each payment keeps the provider that took it.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Store:Payments";

    /// <summary>"test" (the built-in provider, default), "stripe", "paypal" or "square": the one method offered when <see cref="Methods"/> is empty.</summary>
    public string Provider { get; set; } = TestPaymentGateway.Name;

    /// <summary>The methods shoppers choose from, in order ("stripe,paypal"); each is offered only while configured.</summary>
    public string? Methods { get; set; }

    public StripeOptions Stripe { get; set; } = new();

    public PayPalOptions PayPal { get; set; } = new();

    public SquareOptions Square { get; set; } = new();
}
