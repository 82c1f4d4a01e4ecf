using Microsoft.Extensions.Options;

namespace Store.Infrastructure.Payments;

/// <summary>Picks the provider: the configured one for new payments, the payment's own for everything after.</summary>
public sealed class PaymentGateways(IEnumerable<IPaymentGateway> gateways, IOptions<PaymentOptions> options)
{
    public IPaymentGateway Current => For(options.Value.Provider);

    public IEnumerable<IPaymentGateway> Remote => gateways.Where(g => g.IsRemote);

    /// <summary>The provider's gateway, or null when it is not configured on this store.</summary>
    public IPaymentGateway? Find(string provider) => gateways.FirstOrDefault(g => g.Provider == provider);

    public IPaymentGateway For(string provider) =>
        gateways.FirstOrDefault(g => g.Provider == provider)
        ?? throw new InvalidOperationException($"The payment provider '{provider}' is not configured (Store:Payments).");
}
