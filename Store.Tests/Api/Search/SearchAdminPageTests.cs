using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Store.Tests.Support;

namespace Store.Tests.Api.Search;

public class SearchAdminPageTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task SearchReportPage_AfterAShopperFindsNothing_ListsTheQuery()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.GetStringAsync("/search?q=qzxwvjk");
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var response = await client.GetAsync("/admin/search-report");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Searches that found nothing", html, StringComparison.Ordinal);
        Assert.Contains("qzxwvjk", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/synonyms")]
    [InlineData("/admin/search-report")]
    public async Task SearchAdminPages_WhenAnonymous_RedirectToSignIn(string url)
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SynonymsPage_WhenSignedInAsAdmin_Renders()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var response = await client.GetAsync("/admin/synonyms");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Search synonyms", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
