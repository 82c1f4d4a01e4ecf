using Store.Domain.Common;
using Store.Domain.Payments;

namespace Store.Infrastructure.Payments;

/// <summary>
/// A payment provider, at the edge of the world. The store never sees a card number: it sends the shopper to the
/// provider's hosted page and asks the provider what became of the money. Every call that moves money carries an
/// idempotency key made from the order and the attempt, so a retried call never charges or refunds twice.
/// Expected failures (the provider refuses, or cannot be reached) come back as a Result, and the caller then
/// changes nothing.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>The name kept on each payment ("test", "stripe"): a payment is always handled by the provider that took it.</summary>
    string Provider { get; }

    /// <summary>Whether the provider keeps its own record of the money, which can drift from the store's and is reconciled.</summary>
    bool IsRemote { get; }

    Task<Result<HostedPaymentPage>> CreatePageAsync(PaymentPageRequest request, CancellationToken ct);

    Task<Result<ProviderPayment>> GetAsync(string providerPaymentId, CancellationToken ct);

    Task<Result<ProviderPayment>> CaptureAsync(Payment payment, CancellationToken ct);

    /// <summary>Releases money that is held but not captured.</summary>
    Task<Result<bool>> CancelAsync(Payment payment, CancellationToken ct);

    /// <summary>Gives captured money back; returns the provider's refund id.</summary>
    Task<Result<string>> RefundAsync(Payment payment, string refundId, long amountMinor, CancellationToken ct);

    Task<Result<IReadOnlyList<ProviderPayment>>> ListRecentAsync(DateTimeOffset since, CancellationToken ct);

    /// <summary>
    /// The provider's refunds of one payment (<paramref name="providerPaymentId"/>), or of all payments since a
    /// time: refunds made outside the store (the provider's dashboard) included.
    /// </summary>
    Task<Result<IReadOnlyList<ProviderRefund>>> ListRefundsAsync(string? providerPaymentId, DateTimeOffset? since, CancellationToken ct);
}
