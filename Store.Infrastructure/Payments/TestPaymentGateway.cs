using Store.Domain.Common;
using Store.Domain.Payments;

namespace Store.Infrastructure.Payments;

/// <summary>
/// The built-in test provider. Its hosted page (/pay/test/{id}) is part of the store and records its verdict in the
/// store's own transaction (<see cref="PaymentService.CompleteTestPaymentAsync"/>), so there is no remote record to
/// ask or reconcile; it captures on approval and refunds at once.
/// </summary>
public sealed class TestPaymentGateway : IPaymentGateway
{
    public const string Name = "test";

    public string Provider => Name;

    public bool IsRemote => false;

    public Task<Result<HostedPaymentPage>> CreatePageAsync(PaymentPageRequest request, CancellationToken ct) =>
        Task.FromResult<Result<HostedPaymentPage>>(new HostedPaymentPage($"/pay/test/{request.PaymentId}", null, null));

    public Task<Result<ProviderPayment>> GetAsync(string providerPaymentId, CancellationToken ct) =>
        Task.FromResult<Result<ProviderPayment>>(NoRemoteRecord());

    public Task<Result<ProviderPayment>> CaptureAsync(Payment payment, CancellationToken ct) =>
        Task.FromResult<Result<ProviderPayment>>(NoRemoteRecord());

    public Task<Result<bool>> CancelAsync(Payment payment, CancellationToken ct) => Task.FromResult<Result<bool>>(true);

    public Task<Result<string>> RefundAsync(Payment payment, string refundId, long amountMinor, CancellationToken ct) =>
        Task.FromResult<Result<string>>($"test_refund_{refundId}");

    public Task<Result<IReadOnlyList<ProviderPayment>>> ListRecentAsync(DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult<Result<IReadOnlyList<ProviderPayment>>>(Array.Empty<ProviderPayment>());

    public Task<Result<IReadOnlyList<ProviderRefund>>> ListRefundsAsync(string? providerPaymentId, DateTimeOffset? since, CancellationToken ct) =>
        Task.FromResult<Result<IReadOnlyList<ProviderRefund>>>(Array.Empty<ProviderRefund>());

    private static DomainError NoRemoteRecord() =>
        DomainError.Invalid("payment.test-provider", "The test provider settles on its own page and keeps no record to ask.");
}
