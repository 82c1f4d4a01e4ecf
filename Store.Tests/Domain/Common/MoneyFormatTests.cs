using System.Globalization;
using Store.Domain.Common;

namespace Store.Tests.Domain.Common;

public class MoneyFormatTests
{
    [Theory]
    [InlineData("en-US", 123456L, "USD", "$1,234.56")]
    [InlineData("de-DE", 123456L, "EUR", "1.234,56 €")]
    [InlineData("en-IE", 123456L, "EUR", "€1,234.56")]
    [InlineData("en-US", 1500L, "JPY", "¥1,500")]
    [InlineData("en-US", 12345L, "KWD", "KWD12.345")]
    [InlineData("en-GB", 999L, "GBP", "£9.99")]
    public void Format_WhenCultureAndCurrencyDiffer_UsesTheCulturesSeparatorsAndTheCurrencysSymbolAndDecimals(string culture, long minor, string currency, string expected)
    {
        var text = MoneyFormat.For(CultureInfo.GetCultureInfo(culture)).Format(new Money(minor, currency));

        Assert.Equal(expected, text.Replace('\u202f', ' ').Replace('\u00a0', ' '));
    }

    [Fact]
    public void ToString_WhenTheCultureIsInvariant_WritesSymbolFirstAndAMinusSign()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            Assert.Equal("-€5.00", new Money(-500, "EUR").ToString());
            Assert.Equal("¥700", new Money(700, "JPY").ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(19.99, "USD", 1999L)]
    [InlineData(1500, "JPY", 1500L)]
    [InlineData(1.2345, "KWD", 1234L)]
    [InlineData(0.125, "EUR", 12L)]
    public void ToMinor_RoundsHalfEvenToTheCurrencysDecimals(double major, string currency, long expected)
    {
        Assert.Equal(expected, Currencies.ToMinor((decimal)major, currency));
        Assert.Equal(Currencies.ToMajor(expected, currency), Currencies.ToMajor(Currencies.ToMinor(Currencies.ToMajor(expected, currency), currency), currency));
    }
}
