namespace Store.Tests.Support;

/// <summary>A shop on Stripe that holds the money at payment and captures it later, from the admin.</summary>
public sealed class ManualCaptureStripeFixture : StripeFixture
{
    protected override bool CaptureOnPayment => false;
}
