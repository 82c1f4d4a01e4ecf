using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Api.Search;

public class SearchAdminPageTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task SearchReport_AfterAShopperFindsNothingOnTheSearchPage_ListsTheQueryForStaff()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.GetStringAsync("/search?q=qzxwvjk");
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var response = await client.GetAsync("/admin/search-report");
        using var scope = app.Services.CreateScope();
        var zero = await scope.ServiceProvider.GetRequiredService<SearchReport>().ZeroResultQueriesAsync(1, 20);

        // Staff pages are interactive and not prerendered: the signed-in admin gets the page that opens its circuit;
        // what it lists comes from the report service checked here.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("_framework/blazor.web.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(zero, q => q.Query == "qzxwvjk");
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
    public async Task SynonymsPage_WhenSignedInAsAdmin_IsServed()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var response = await client.GetAsync("/admin/synonyms");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("_framework/blazor.web.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
