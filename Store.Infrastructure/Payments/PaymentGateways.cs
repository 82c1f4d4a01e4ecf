using Microsoft.Extensions.Options;
using Store.Domain.Common;
using Store.Domain.Payments;
using Store.Infrastructure.Settings.Providers;

namespace Store.Infrastructure.Payments;

/// <summary>
/// Picks the provider: one the shopper may choose (<see cref="Offered"/>) for new payments, the payment's own for
/// everything after. Every configured provider is here, offered or not, so its earlier payments still refund,
/// reconcile and take webhooks. One set per scope: a settings change applies from the next request.
/// </summary>
public sealed class PaymentGateways(PaymentGatewayRegistry registry, IOptions<PaymentOptions> options)
{
    private readonly IReadOnlyList<IPaymentGateway> gateways = registry.Current();

    /// <summary>The methods shoppers choose from now, in the owner's order; at least one (the test provider when nothing else is).</summary>
    public IReadOnlyList<string> Offered =>
        PaymentMethods.Offered(options.Value.Methods, options.Value.Provider, IsReady);

    public IPaymentGateway Current => For(Offered[0]);

    public IEnumerable<IPaymentGateway> Remote => gateways.Where(g => g.IsRemote);

    /// <summary>The gateway for a new payment with the method the shopper asked for (the first offered when none); 422 for one not offered.</summary>
    public Result<IPaymentGateway> ForNewPayment(string? method)
    {
        var chosen = PaymentMethods.Choose(Offered, method);
        return chosen.IsSuccess ? Result<IPaymentGateway>.Ok(For(chosen.Value)) : chosen.Error!;
    }

    /// <summary>The provider's gateway, or null when it is not configured on this store.</summary>
    public IPaymentGateway? Find(string provider) => gateways.FirstOrDefault(g => g.Provider == provider);

    public IPaymentGateway For(string provider) =>
        gateways.FirstOrDefault(g => g.Provider == provider)
        ?? throw new InvalidOperationException($"The payment provider '{provider}' is not configured (Store:Payments).");

    // Offered only with everything its payments need (its webhook's secret too), not merely enough to refund.
    private bool IsReady(string provider) =>
        Find(provider) is not null && ProviderDescriptors.Find(provider) is { Kind: ProviderKind.Payment } descriptor
        && ProviderOptionsReader.IsConfigured(descriptor, options.Value);
}
