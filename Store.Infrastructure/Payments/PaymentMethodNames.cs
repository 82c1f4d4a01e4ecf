using Store.Domain.Payments;
using Store.Infrastructure.Settings.Providers;

namespace Store.Infrastructure.Payments;

/// <summary>What a shopper reads for a payment method.</summary>
public static class PaymentMethodNames
{
    public static string Of(string method) =>
        method == PaymentMethods.Test ? "Test card" : ProviderDescriptors.Find(method)?.Name ?? method;
}
