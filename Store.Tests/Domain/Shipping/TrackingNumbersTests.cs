using Store.Domain.Shipping;

namespace Store.Tests.Domain.Shipping;

public class TrackingNumbersTests
{
    [Theory]
    [InlineData("UPS", "UP")]
    [InlineData("FedEx", "FE")]
    [InlineData("u", "UX")]
    public void New_ForACarrier_StartsWithItsLettersAndIsWellFormed(string carrier, string prefix)
    {
        for (var i = 0; i < 200; i++)
        {
            var number = TrackingNumbers.New(carrier);
            Assert.StartsWith(prefix, number, StringComparison.Ordinal);
            Assert.True(TrackingNumbers.IsWellFormed(number), number);
        }
    }

    [Fact]
    public void IsWellFormed_WhenAnyOneDigitIsMistyped_IsFalse()
    {
        var number = TrackingNumbers.New("USPS");
        for (var position = 2; position < number.Length; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == number[position])
                {
                    continue;
                }

                var typo = number[..position] + digit + number[(position + 1)..];
                Assert.False(TrackingNumbers.IsWellFormed(typo), typo);
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("up1234567890123452")]
    [InlineData("UP123456789012345")]
    [InlineData("UP12345678901234522")]
    [InlineData("<script>alert(1)</script>")]
    public void IsWellFormed_WhenNotOurShape_IsFalse(string? number) => Assert.False(TrackingNumbers.IsWellFormed(number));

    [Fact]
    public void New_ManyTimes_GivesDistinctNumbers()
    {
        var numbers = Enumerable.Range(0, 10_000).Select(_ => TrackingNumbers.New("UPS")).ToHashSet();

        Assert.Equal(10_000, numbers.Count);
    }
}
