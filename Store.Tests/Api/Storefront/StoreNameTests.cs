using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Store.Tests.Support;

namespace Store.Tests.Api.Storefront;

/// <summary>A shop is called what its owner called it: in every tab title, the header, the footer and the home page.</summary>
public partial class StoreNameTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/cart")]
    [InlineData("/search?q=tee")]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    public async Task Page_WhenTheOwnerNamedTheStore_CarriesThatNameAndNeverTheDemos(string url)
    {
        var harbor = app.WithWebHostBuilder(b => b
            .UseSetting("Store:Name", "Harbor Goods")
            .UseSetting("Store:Tagline", "Kitchen things that last")
            .UseSetting("Store:Currency", "USD"));
        var response = await harbor.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(url);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Title(), html);
        Assert.Contains("<a class=\"brand\" href=\"/\">Harbor Goods</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Northwind Outfitters", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Gear that goes the distance", html, StringComparison.Ordinal);
        if (url == "/")
        {
            Assert.Contains("<title>Harbor Goods — Kitchen things that last</title>", html, StringComparison.Ordinal);
            Assert.Contains("<h1>Harbor Goods</h1>", html, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<title>[^<]*Harbor Goods[^<]*</title>")]
    private static partial Regex Title();
}
