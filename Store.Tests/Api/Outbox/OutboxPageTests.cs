using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Infrastructure.Outbox;
using Store.Tests.Support;

namespace Store.Tests.Api.Outbox;

public class OutboxPageTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task OutboxPage_WhenSignedInAsAdmin_IsServed()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var response = await client.GetAsync("/admin/outbox");
        var html = await response.Content.ReadAsStringAsync();

        // Staff pages are not prerendered: the page's content arrives over its circuit (see the bUnit test of
        // this page); over plain HTTP the signed-in admin gets the page shell that starts it.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("_framework/blazor.web.js", html);
    }

    [Fact]
    public async Task OutboxPage_WhenAnonymous_RedirectsToSignIn()
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/admin/outbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
