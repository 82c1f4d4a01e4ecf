using Store.Domain.Common;
using Store.Domain.Payments;

namespace Store.Tests.Domain.Payments;

public class PaymentMethodsTests
{
    private static readonly Func<string, bool> StripeAndPayPal = m => m is "stripe" or "paypal";

    [Fact]
    public void Offered_WhenNothingIsChosenOrConfigured_IsTheTestProviderAsToday()
    {
        Assert.Equal(["test"], PaymentMethods.Offered(null, "test", _ => false));
        Assert.Equal(["test"], PaymentMethods.Offered("", null, _ => false));
    }

    [Fact]
    public void Offered_WhenTheOwnerListsSeveral_KeepsTheirOrderAndLeavesOutTheUnconfigured()
    {
        Assert.Equal(["paypal", "stripe"], PaymentMethods.Offered(" PayPal, square ,stripe,paypal", "test", StripeAndPayPal));
    }

    [Fact]
    public void Offered_WhenNoneOfTheChosenIsConfigured_FallsBackToTheTestProvider()
    {
        Assert.Equal(["test"], PaymentMethods.Offered("square", "test", StripeAndPayPal));
    }

    [Fact]
    public void Offered_WhenTheTestProviderIsListed_ShowsItBesideTheOthers()
    {
        Assert.Equal(["stripe", "test"], PaymentMethods.Offered("stripe,test", "test", StripeAndPayPal));
    }

    [Fact]
    public void Offered_WhenOnlyTheSingleProviderIsSet_OffersThatOneAlone()
    {
        Assert.Equal(["paypal"], PaymentMethods.Offered(null, "paypal", StripeAndPayPal));
    }

    [Fact]
    public void Choose_WhenTheMethodIsNotOffered_IsInvalid()
    {
        var refused = PaymentMethods.Choose(["paypal", "stripe"], "square");

        Assert.Equal(ErrorKind.Invalid, refused.Error!.Kind);
        Assert.Equal("payment.method", refused.Error.Code);
    }

    [Fact]
    public void Choose_WhenNoneIsAsked_TakesTheFirstOffered()
    {
        Assert.Equal("paypal", PaymentMethods.Choose(["paypal", "stripe"], null).Value);
        Assert.Equal("stripe", PaymentMethods.Choose(["paypal", "stripe"], " Stripe ").Value);
    }
}
