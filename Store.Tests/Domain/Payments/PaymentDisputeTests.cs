using Store.Domain.Payments;

namespace Store.Tests.Domain.Payments;

public class PaymentDisputeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("needs_response", DisputeStatus.Open)]
    [InlineData("under_review", DisputeStatus.Open)]
    [InlineData("warning_needs_response", DisputeStatus.Open)]
    [InlineData("won", DisputeStatus.Won)]
    [InlineData("lost", DisputeStatus.Lost)]
    [InlineData("warning_closed", DisputeStatus.Closed)]
    public void StatusFrom_MapsStripesStatuses(string stripe, DisputeStatus expected) => Assert.Equal(expected, PaymentDispute.StatusFrom(stripe));

    [Fact]
    public void MoveTo_WhenALateOpenNewsFollowsTheDecision_KeepsTheDecision()
    {
        var dispute = New();
        Assert.True(dispute.MoveTo(DisputeStatus.Won, Now).Value);

        var late = dispute.MoveTo(DisputeStatus.Open, Now.AddMinutes(1));

        Assert.False(late.Value);
        Assert.Equal(DisputeStatus.Won, dispute.Status);
        Assert.Equal(Now, dispute.ClosedAt);
    }

    [Fact]
    public void MoveTo_WhenDecidedTheOtherWay_IsRefused()
    {
        var dispute = New();
        dispute.MoveTo(DisputeStatus.Lost, Now);

        Assert.Equal("dispute.decided", dispute.MoveTo(DisputeStatus.Won, Now).Error!.Code);
        Assert.Equal(DisputeStatus.Lost, dispute.Status);
    }

    [Fact]
    public void MoveTo_TheSameStatusAgain_ChangesNothing()
    {
        var dispute = New();

        Assert.False(dispute.MoveTo(DisputeStatus.Open, Now).Value);
        Assert.Null(dispute.ClosedAt);
    }

    private static PaymentDispute New() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "dp_1", 1000, "USD", "fraudulent", Now);
}
