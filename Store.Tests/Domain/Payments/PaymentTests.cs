using Store.Domain.Payments;

namespace Store.Tests.Domain.Payments;

public class PaymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Succeed_AfterADecline_IsAllowedBecauseTheShopperMayRetryOnTheProvidersPage()
    {
        var payment = New();
        payment.Decline(null, "The card was declined.", Now);

        Assert.True(payment.Succeed(null, Now).IsSuccess);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Null(payment.FailureReason);
    }

    [Fact]
    public void Succeed_AfterTheMoneyWasGivenBack_IsRefused()
    {
        var payment = New();
        payment.Void("Order expired. The charge was refunded.", Now);

        Assert.Equal("payment.state", payment.Succeed(null, Now).Error!.Code);
        Assert.Equal(PaymentStatus.Voided, payment.Status);
    }

    [Fact]
    public void Authorise_ThenSucceed_EndsSucceeded_AndASecondSuccessIsRefused()
    {
        var payment = New();

        Assert.True(payment.Authorise(Now).IsSuccess);
        Assert.True(payment.Succeed(null, Now).IsSuccess);
        Assert.False(payment.Succeed(null, Now).IsSuccess);
        Assert.False(payment.Void("late", Now).IsSuccess);
    }

    [Fact]
    public void LinkProviderPayment_KeepsTheFirstId()
    {
        var payment = New();
        payment.LinkProviderPayment("pi_1");
        payment.LinkProviderPayment("pi_2");

        Assert.Equal("pi_1", payment.ProviderPaymentId);
    }

    private static Payment New() => new(Guid.NewGuid(), Guid.NewGuid(), "stripe", 1000, "USD", Now);
}
