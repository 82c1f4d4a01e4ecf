using Store.Domain.Common;

namespace Store.Tests.Domain.Common;

public class MoneyTests
{
    [Fact]
    public void Add_WhenSameCurrency_SumsMinorUnits() =>
        Assert.Equal(new Money(1250, "USD"), new Money(1000, "USD") + new Money(250, "USD"));

    [Fact]
    public void Add_WhenCurrenciesDiffer_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new Money(1, "USD") + new Money(1, "EUR"));

    [Theory]
    [InlineData(0, "$0.00")]
    [InlineData(5, "$0.05")]
    [InlineData(123456, "$1,234.56")]
    [InlineData(-250, "-$2.50")]
    public void ToString_FormatsTwoDecimalsWithSymbol(long minor, string expected) =>
        Assert.Equal(expected, new Money(minor, "USD").ToString());

    [Fact]
    public void Times_WhenOverflowing_Throws() =>
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue / 2, "USD").Times(3));
}
