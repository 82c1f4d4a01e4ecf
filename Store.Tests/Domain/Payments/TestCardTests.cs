using Store.Domain.Payments;

namespace Store.Tests.Domain.Payments;

public class TestCardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_WhenCardEnds4242_Approves()
    {
        var outcome = TestCard.Evaluate("4242 4242 4242 4242", "12/30", "123", Now).Value;
        Assert.True(outcome.Approved);
        Assert.Equal("4242", outcome.Last4);
    }

    [Fact]
    public void Evaluate_WhenCardEnds0002_Declines()
    {
        var outcome = TestCard.Evaluate("4000-0000-0000-0002", "12/30", "123", Now).Value;
        Assert.False(outcome.Approved);
        Assert.Equal("The card was declined.", outcome.DeclineReason);
    }

    [Theory]
    [InlineData("4242 4242 4242 4241", "12/30", "123", "card.number")]
    [InlineData("abcd", "12/30", "123", "card.number")]
    [InlineData("4242424242424242", "13/30", "123", "card.expiry")]
    [InlineData("4242424242424242", "10/26", "123", "card.expiry")]
    [InlineData("4242424242424242", "12/30", "12", "card.cvc")]
    public void Evaluate_WhenDetailsAreInvalid_SaysWhichOne(string number, string expiry, string cvc, string code) =>
        Assert.Equal(code, TestCard.Evaluate(number, expiry, cvc, Now).Error!.Code);

    [Fact]
    public void Evaluate_WhenCardExpiresThisMonth_StillApproves() =>
        Assert.True(TestCard.Evaluate("4242424242424242", "11/26", "123", Now).Value.Approved);
}
