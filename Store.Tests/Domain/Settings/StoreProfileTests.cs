using Store.Domain.Settings;

namespace Store.Tests.Domain.Settings;

public class StoreProfileTests
{
    [Fact]
    public void Create_NormalisesCodesAndTrims()
    {
        var profile = StoreProfile.Create(" Kiosk ", " hello@kiosk.example ", "eur", true, "de").Value;

        Assert.Equal(new StoreProfile("Kiosk", "hello@kiosk.example", "EUR", true, "DE"), profile);
    }

    [Theory]
    [InlineData("", "a@b.example", "USD", "US", "store.name")]
    [InlineData("Kiosk", "nope", "USD", "US", "store.contact-email")]
    [InlineData("Kiosk", "a@b.example", "XXX", "US", "store.currency")]
    [InlineData("Kiosk", "a@b.example", "USD", "USA", "store.home-country")]
    [InlineData("Kiosk", "a@b.example", "USD", "ZZ", "store.home-country")]
    public void Create_WhenAnAnswerIsBad_SaysWhich(string name, string email, string currency, string country, string error) =>
        Assert.Equal(error, StoreProfile.Create(name, email, currency, false, country).Error!.Code);
}
