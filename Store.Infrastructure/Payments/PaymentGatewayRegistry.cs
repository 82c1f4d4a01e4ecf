using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Common;
using Store.Infrastructure.Payments.PayPal;
using Store.Infrastructure.Payments.Square;

namespace Store.Infrastructure.Payments;

/// <summary>
/// The gateways of the providers configured right now (configuration or the settings page). A gateway is built from
/// the options it was given and keeps them (its HTTP client, PayPal's OAuth token), so it is rebuilt only when its
/// own provider's settings (or the store's name and address, which its pages carry) change; the others are kept.
/// The test provider is always there. A replaced gateway is disposed a while later, once calls it started are over.
/// </summary>
public sealed class PaymentGatewayRegistry(
    IServiceProvider services, IOptionsMonitor<PaymentOptions> payments, IOptionsMonitor<ShopOptions> shop, ILogger<PaymentGatewayRegistry> logger)
    : IDisposable
{
    private static readonly TimeSpan DisposeAfter = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Fingerprint, IPaymentGateway Gateway)> _built = [];
    private readonly TestPaymentGateway _test = new();

    public IReadOnlyList<IPaymentGateway> Current()
    {
        var options = payments.CurrentValue;
        var store = shop.CurrentValue;
        var wrapped = Options.Create(options);
        var shopWrapped = Options.Create(store);
        lock (_gate)
        {
            List<IPaymentGateway> gateways = [_test];
            Add(gateways, StripePaymentGateway.Name, !string.IsNullOrWhiteSpace(options.Stripe.SecretKey), options.Stripe, store,
                () => ActivatorUtilities.CreateInstance<StripePaymentGateway>(services, wrapped, shopWrapped));
            Add(gateways, PayPalPaymentGateway.Name, options.PayPal.IsConfigured, options.PayPal, store,
                () => ActivatorUtilities.CreateInstance<PayPalPaymentGateway>(services, wrapped, shopWrapped));
            Add(gateways, SquarePaymentGateway.Name, options.Square.IsConfigured, options.Square, store,
                () => ActivatorUtilities.CreateInstance<SquarePaymentGateway>(services, wrapped, shopWrapped));
            return gateways;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (_, gateway) in _built.Values)
            {
                (gateway as IDisposable)?.Dispose();
            }

            _built.Clear();
        }
    }

    private void Add(List<IPaymentGateway> gateways, string provider, bool configured, object settings, ShopOptions store, Func<IPaymentGateway> build)
    {
        if (!configured)
        {
            Retire(provider);
            return;
        }

        var fingerprint = JsonSerializer.Serialize(settings, settings.GetType()) + "|" + store.PublicBaseUrl + "|" + store.Name;
        if (_built.TryGetValue(provider, out var existing) && existing.Fingerprint == fingerprint)
        {
            gateways.Add(existing.Gateway);
            return;
        }

        Retire(provider);
        var gateway = build();
        _built[provider] = (fingerprint, gateway);
        if (existing.Gateway is not null)
        {
            logger.LogInformation("Payment provider {Provider}: settings changed, its gateway was rebuilt", provider);
        }

        gateways.Add(gateway);
    }

    private void Retire(string provider)
    {
        if (!_built.Remove(provider, out var old) || old.Gateway is not IDisposable disposable)
        {
            return;
        }

        // A request that took the old gateway a moment ago may still be using its HTTP client.
        _ = Task.Delay(DisposeAfter).ContinueWith(_ => disposable.Dispose(), TaskScheduler.Default);
    }
}
