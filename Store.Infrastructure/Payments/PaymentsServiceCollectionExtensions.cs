using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Payments.PayPal;
using Store.Infrastructure.Payments.Square;
using Store.Infrastructure.Settings.Providers;

namespace Store.Infrastructure.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// The payment providers: the test provider always, and each remote one whose credentials are configured (in
    /// configuration or on the settings page), also when it is not offered, so its earlier payments still refund and reconcile.
    /// </summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaymentOptions>()
            .Bind(configuration.GetSection(PaymentOptions.Section))
            .Validate(
                o => o.Provider is TestPaymentGateway.Name or StripePaymentGateway.Name or PayPalPaymentGateway.Name or SquarePaymentGateway.Name,
                "Store:Payments:Provider is \"test\", \"stripe\", \"paypal\" or \"square\".")
            .Validate(
                o => o.Provider != StripePaymentGateway.Name || (!string.IsNullOrWhiteSpace(o.Stripe.SecretKey) && !string.IsNullOrWhiteSpace(o.Stripe.WebhookSecret)),
                "Store:Payments:Provider \"stripe\" needs Store:Payments:Stripe:SecretKey and WebhookSecret.")
            .Validate(
                o => o.Provider != PayPalPaymentGateway.Name || (o.PayPal.IsConfigured && !string.IsNullOrWhiteSpace(o.PayPal.WebhookId)),
                "Store:Payments:Provider \"paypal\" needs Store:Payments:PayPal:ClientId, ClientSecret and WebhookId.")
            .Validate(
                o => o.Provider != SquarePaymentGateway.Name
                    || (o.Square.IsConfigured && !string.IsNullOrWhiteSpace(o.Square.WebhookSignatureKey) && !string.IsNullOrWhiteSpace(o.Square.WebhookUrl)),
                "Store:Payments:Provider \"square\" needs Store:Payments:Square:AccessToken, LocationId, WebhookSignatureKey and WebhookUrl.")
            .ValidateOnStart();

        // Per use from IOptionsMonitor, as ShopOptions: credentials saved on the settings page apply from the next request.
        services.AddTransient<IOptions<PaymentOptions>>(sp =>
        {
            sp.GetRequiredService<ProviderSettingsSource>().RefreshIfStale();
            return Options.Create(sp.GetRequiredService<IOptionsMonitor<PaymentOptions>>().CurrentValue);
        });
        services.AddSingleton<PaymentGatewayRegistry>();

        services.AddScoped<StripeWebhookService>();
        services.AddScoped<PayPalWebhookService>();
        services.AddScoped<SquareWebhookService>();
        return services;
    }
}
