using Store.Domain.Ordering;

namespace Store.Tests.Domain.Ordering;

public class CheckoutDetailsTests
{
    private static CheckoutDetails Valid => new("ada@example.com", "Ada Lovelace", "1 Main St", null, "Springfield", "IL", "62701", "us");

    [Fact]
    public void Validate_WhenComplete_HasNoErrors() => Assert.Empty(Valid.Validate());

    [Fact]
    public void ToAddress_UppercasesTheCountryAndTrims() =>
        Assert.Equal("US", (Valid with { Name = "  Ada  " }).ToAddress().Country);

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("")]
    public void Validate_WhenEmailIsBad_NamesTheEmailField(string email) =>
        Assert.Contains("Email", (Valid with { Email = email }).Validate().Keys);

    [Theory]
    [InlineData("USA")]
    [InlineData("1X")]
    public void Validate_WhenCountryIsNotTwoLetters_NamesTheCountryField(string country) =>
        Assert.Contains("Country", (Valid with { Country = country }).Validate().Keys);

    [Fact]
    public void Validate_WhenEverythingIsMissing_ListsEachRequiredField() =>
        Assert.Equal(["City", "Country", "Email", "Line1", "Name", "PostalCode"], new CheckoutDetails(null, null, null, null, null, null, null, null).Validate().Keys.Order());
}
