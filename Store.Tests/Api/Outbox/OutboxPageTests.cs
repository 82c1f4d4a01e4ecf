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
    public async Task OutboxPage_WhenAMessageIsParked_ShowsItWithItsErrorAndARetryButton()
    {
        await using (var services = TestDatabase.Services(app.DatabaseName))
        {
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            var message = new OutboxMessage(Guid.NewGuid(), "order.paid", "{}", DateTimeOffset.UtcNow.AddMinutes(-30));
            message.MarkFailed("SmtpException: mailbox unavailable", DateTimeOffset.UtcNow);
            message.Park(DateTimeOffset.UtcNow);
            context.OutboxMessages.Add(message);
            await context.SaveChangesAsync();
        }

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var response = await client.GetAsync("/admin/outbox");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Outbox &amp; jobs", html);
        Assert.Contains("order.paid", html);
        Assert.Contains("SmtpException: mailbox unavailable", html);
        Assert.Contains("Retry", html);
    }

    [Fact]
    public async Task OutboxPage_WhenAnonymous_RedirectsToSignIn()
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/admin/outbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
