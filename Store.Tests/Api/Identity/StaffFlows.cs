using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Identity;
using Store.Infrastructure.Identity;
using Store.Tests.Support;

namespace Store.Tests.Api.Identity;

/// <summary>Staff steps as people take them: the owner invites, the invitee accepts from the mail, browsers sign in and out.</summary>
public static partial class StaffFlows
{
    public const string StaffPassword = "Staff-Pass1";

    /// <summary>A browser whose cookie jar the test can read, to copy its sign-in cookie as a thief would.</summary>
    public static (HttpClient Client, CookieContainer Jar) Browser(WebApplicationFactory<Program> app)
    {
        var jar = new CookieContainer();
        return (app.CreateDefaultClient(new CookieContainerHandler(jar)), jar);
    }

    public static string SessionCookie(HttpClient browser, CookieContainer jar) =>
        jar.GetCookies(browser.BaseAddress!)["store_auth"]?.Value ?? throw new InvalidOperationException("The browser is not signed in.");

    /// <summary>Another client sending only a copied sign-in cookie.</summary>
    public static HttpClient WithCookie(WebApplicationFactory<Program> app, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", "store_auth=" + cookie);
        return client;
    }

    /// <summary>Presses the header's sign-out button: a form post with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient browser)
    {
        var home = await browser.GetStringAsync("/");
        var token = SignOutToken().Match(home);
        Assert.True(token.Success, "No sign-out form on the home page.");
        return await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
    }

    public static async Task<string> InviteAsync(AccountApiFixture fixture, string email, StaffRole role, string actor = StoreAppFactory.AdminEmail)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var invited = await scope.ServiceProvider.GetRequiredService<StaffService>().InviteAsync(email, role, actor);
        Assert.True(invited.IsSuccess, invited.Error?.Message);
        return invited.Value;
    }

    public static Task<HttpResponseMessage> AcceptAsync(HttpClient browser, string link, string password = StaffPassword) =>
        HttpForms.SubmitAsync(browser, link, "accept-invite", new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    /// <summary>Invites <paramref name="email"/> and accepts the mailed link: an active staff account with <see cref="StaffPassword"/>.</summary>
    public static async Task<string> AddStaffAsync(AccountApiFixture fixture, string email, StaffRole role)
    {
        var id = await InviteAsync(fixture, email, role);
        var link = AccountApiFixture.LinkIn(await fixture.MailToAsync(email), "/account/accept-invite");
        var accepted = await AcceptAsync(fixture.Browser(), link);
        var page = await accepted.Content.ReadAsStringAsync();
        Assert.True(page.Contains("data-testid=\"invite-accepted\"", StringComparison.Ordinal), $"Accepting answered {(int)accepted.StatusCode}: {MainOf(page)}");
        return id;
    }

    public static async Task<T> WithStaffAsync<T>(AccountApiFixture fixture, Func<StaffService, Task<T>> action)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<StaffService>());
    }

    public static bool IsRedirectTo(HttpResponseMessage response, string path) =>
        (int)response.StatusCode is 302 or 303 && response.Headers.Location?.OriginalString.Contains(path, StringComparison.Ordinal) == true;

    /// <summary>The page's main content, for failure messages.</summary>
    public static string MainOf(string html) =>
        html.IndexOf("<main", StringComparison.Ordinal) is var start and >= 0 ? html[start..Math.Min(html.Length, start + 1500)] : html[..Math.Min(html.Length, 1500)];

    [GeneratedRegex("action=\"/account/logout\"[\\s\\S]*?name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex SignOutToken();
}
